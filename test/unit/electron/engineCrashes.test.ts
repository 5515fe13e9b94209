/**
 * Datasets and statements that crash the native DuckDB process, through the host core with real
 * requests and the real process: the app keeps working, says which file was at fault, and never
 * sets a dataset that killed the process up again on its own.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostCore, type HostCore } from '../../../electron/host/hostCore';
import type { NativeMessage } from '../../../electron/host/native/nativeProtocol';
import type { Dataset } from '../../../shared/contract/hostApi';
import { builtNativeProcessScript } from '../../support/builtApp';
import { crashingSpawner } from '../../support/crashingSpawner';
import { makeTempDir } from '../../support/tempDir';
import { requestsTo } from '../../support/testHostCore';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let home: string;
let core: HostCore;
const { send } = requestsTo(() => core);

/** A host core whose native process is started by `spawnNative` (the real process, maybe made to crash). */
async function startCore(spawnNative?: ReturnType<typeof crashingSpawner>['spawn']): Promise<void> {
  core = await createHostCore({
    mode: 'browser',
    appVersion: 'test',
    rendererDir: path.join(temp.dir, 'renderer'),
    datasetsDir: path.join(temp.dir, 'datasets'),
    dataDir: path.join(temp.dir, 'data'),
    fileRoots: [{ label: 'Home', path: home }],
    nativeProcessScript: builtNativeProcessScript(),
    ...(spawnNative ? { spawnNative } : {}),
  });
}

async function openDataset(file: string, contents: string | Uint8Array): Promise<Dataset> {
  await writeFile(path.join(home, file), contents);
  const response = await send('POST', '/api/datasets/open', { path: path.join(home, file) });
  expect(response.status).toBe(200);
  return (await response.json()) as Dataset;
}

async function addTable(dataset: Dataset, table: string): Promise<{ status: number; error: string | null }> {
  const response = await send('POST', '/api/native/tables', { datasetId: dataset.id, table });
  return { status: response.status, error: response.ok ? null : ((await response.json()) as { error: string }).error };
}

/** One cell of a one-row answer, as text; throws the host's message on failure. */
async function scalar(sql: string): Promise<string> {
  const response = await send('POST', '/api/native/read', { sql });
  if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
  const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
  return String(table.getChildAt(0)?.get(0));
}

/** The 20 KB file that segfaults DuckDB's read_json (1.4.4): ten thousand nested empty arrays. */
const crashingJson = '['.repeat(10_000) + ']'.repeat(10_000);

const settingUp = (table: string) => (message: NativeMessage) => 'settingUp' in message && message.settingUp === table;

beforeEach(async () => {
  temp = await makeTempDir();
  home = path.join(temp.dir, 'home');
  await mkdir(home, { recursive: true });
  await mkdir(path.join(temp.dir, 'renderer'));
  await mkdir(path.join(temp.dir, 'datasets'));
});
afterEach(async () => {
  core.close();
  await temp.cleanup();
});

describe('JSON nesting guard', () => {
  it('refuses the crashing JSON file by name on the native engine, before DuckDB reads it; the engine and its tables stay', async () => {
    await startCore();
    expect(await addTable(await openDataset('good.csv', 'a\n1\n2\n'), 'good')).toEqual({ status: 204, error: null });
    const deep = await addTable(await openDataset('deep.json', crashingJson), 'deep');
    expect(deep).toEqual({
      status: 422,
      error: '“deep.json” nests arrays or objects more than 256 levels deep. DuckDB cannot read such a file without crashing, so it was not opened.',
    });
    // Gzipped, the same file is refused the same way.
    expect((await addTable(await openDataset('deep.json.gz', gzipSync(crashingJson)), 'deep_gz')).error).toMatch(/^“deep\.json\.gz” nests arrays/);
    expect(await scalar('SELECT count(*) FROM good')).toBe('2');
    await expect(scalar('SELECT * FROM deep')).rejects.toThrow(/Table with name deep does not exist/);
  });

  it('refuses it for the in-app engine too: the conversion never starts', async () => {
    await startCore();
    const deep = await openDataset('deep.json', crashingJson);
    const response = await send('GET', `/api/datasets/${deep.id}/table`);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toMatch(/^“deep\.json” nests arrays or objects more than 256 levels deep/);
    expect(await scalar('SELECT 41 + 1')).toBe('42');
  });

  it('reads JSON with brackets inside strings and real nesting under the limit', async () => {
    await startCore();
    const rows = JSON.stringify([{ text: '['.repeat(1_000) + '\\"{{{', nested: JSON.parse('['.repeat(200) + '1' + ']'.repeat(200)) }]);
    expect(await addTable(await openDataset('strings.json', rows), 'strings')).toEqual({ status: 204, error: null });
    expect(await scalar('SELECT length(text) FROM strings')).toBe('1005');
  });
});

describe('datasets that crash the engine', () => {
  for (const signal of ['SIGSEGV', 'SIGKILL'] as const) {
    it(`a process killed (${signal}) while setting up a dataset drops that dataset with a message naming the file; the others and the engine stay`, async () => {
      const crashing = crashingSpawner(settingUp('victim'), signal);
      await startCore(crashing.spawn);
      expect(await addTable(await openDataset('good.csv', 'a\n1\n2\n'), 'good')).toEqual({ status: 204, error: null });
      const victim = await openDataset('victim.csv', 'b\n1\n');
      expect(await addTable(victim, 'victim')).toEqual({
        status: 422,
        error: `The native engine stopped while it was setting up “victim.csv” (${signal}). “victim.csv” was removed from this session so that the engine keeps working; open it again to retry.`,
      });
      // The next statements set the engine up again without it: no crash loop.
      expect(await scalar('SELECT count(*) FROM good')).toBe('2');
      expect(await scalar('SELECT 1')).toBe('1');
      await expect(scalar('SELECT * FROM victim')).rejects.toThrow(/Table with name victim does not exist/);
      expect(crashing.messages.filter(settingUp('victim'))).toHaveLength(1);
    });
  }

  it('a statement that crashes the process (json_structure on deep nesting) fails with a clear message; the next one works with every dataset', async () => {
    await startCore();
    expect(await addTable(await openDataset('good.csv', 'a\n1\n2\n'), 'good')).toEqual({ status: 204, error: null });
    await expect(scalar("SELECT json_structure(repeat('[', 100000) || repeat(']', 100000))")).rejects.toThrow(
      /^The native DuckDB process stopped unexpectedly \(SIGSEGV\)/,
    );
    expect(await scalar('SELECT count(*) FROM good')).toBe('2');
  });
});
