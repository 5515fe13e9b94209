import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../../electron/host/files/atomicWrite';
import type { HostCore } from '../../../electron/host/hostCore';
import type { NotebookFile, RecentFiles } from '../../../shared/contract/notebookApi';
import { createScratchHostCore, createTestHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';

let scratch: ScratchHostCore;
let home: string;
let core: HostCore;

const { send } = requestsTo(() => core);

beforeEach(async () => {
  scratch = await createScratchHostCore();
  ({ home, core } = scratch);
});

afterEach(async () => {
  await scratch.dispose();
});

async function open(file: string): Promise<NotebookFile> {
  const opened = await send('POST', '/api/notebooks/open', { path: file });
  expect(opened.status, await opened.clone().text()).toBe(200);
  return (await opened.json()) as NotebookFile;
}

describe('Save checks the file’s version at write time', () => {
  it('refuses to overwrite a notebook another program wrote since it was read, and saves once the user chose to', async () => {
    const file = path.join(home, 'shared.md');
    await writeFile(file, '# Ours\n');
    const opened = await open(file);

    // Another program writes the file (another size, so another version even within one mtime tick).
    await writeFile(file, '# Theirs, longer\n');
    const refused = await send('PUT', '/api/notebooks/file', { path: file, text: '# Mine\n', bom: false, expectedVersion: opened.version });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'notebook.changedSinceOpened', error: expect.stringContaining('“shared.md” was not saved') });
    expect(await readFile(file, 'utf8')).toBe('# Theirs, longer\n');
    // The temporary file was removed: nothing half-written is left beside it.
    expect(await readdir(home)).toEqual(['shared.md']);

    // Keep mine: the page asks for the version now on disk, and saves against it.
    const { version } = (await (await send('POST', '/api/notebooks/version', { path: file })).json()) as { version: string };
    const saved = await send('PUT', '/api/notebooks/file', { path: file, text: '# Mine\n', bom: false, expectedVersion: version });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(await readFile(file, 'utf8')).toBe('# Mine\n');

    // Its own save's version is the next expected one: saving again goes through.
    const again = await send('PUT', '/api/notebooks/file', { path: file, text: '# Mine again\n', bom: false, expectedVersion: ((await saved.json()) as NotebookFile).version });
    expect(again.status).toBe(200);
  });

  it('compares just before the rename: a write that lands while the new text is flushed is not overwritten', async () => {
    const file = path.join(home, 'late.md');
    await writeFile(file, 'old\n');
    const refusal = new Error('changed meanwhile');
    await expect(
      writeFileAtomically(file, 'new\n', async () => {
        // Another program writes while the temporary file is already complete.
        await writeFile(file, 'theirs\n');
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(await readFile(file, 'utf8')).toBe('theirs\n');
    expect(await readdir(home)).toEqual(['late.md']);
  });
});

describe('recent notebooks', () => {
  it('lists opened and saved notebooks newest first, across a restart, says which are gone, and forgets on request', async () => {
    const first = path.join(home, 'first.md');
    const second = path.join(home, 'second.md');
    await writeFile(first, '# 1\n');
    await writeFile(second, '# 2\n');
    await open(first);
    await open(second);
    await send('PUT', '/api/notebooks/file', { path: path.join(home, 'third.md'), text: '# 3\n', bom: false });
    await open(first);
    await rm(second);

    core.close();
    core = await createTestHostCore(scratch.dir, home);
    const listed = (await (await send('GET', '/api/notebooks/recent')).json()) as RecentFiles;
    expect(listed.files.map(({ fileName, exists }) => [fileName, exists])).toEqual([
      ['first.md', true],
      ['third.md', true],
      ['second.md', false],
    ]);

    expect((await send('POST', '/api/notebooks/recent/forget', { path: second })).status).toBe(204);
    const after = (await (await send('GET', '/api/notebooks/recent')).json()) as RecentFiles;
    expect(after.files.map((entry) => entry.fileName)).toEqual(['first.md', 'third.md']);
    // Written whole (temp + rename): no temporary file is left in the data folder.
    expect((await readdir(path.join(scratch.dir, 'data'))).filter((name) => name.startsWith('recent-files.json'))).toEqual(['recent-files.json']);
  });

  it('reads its file as untrusted: junk, a wrong shape or relative paths give an empty list, and the next open writes a good one', async () => {
    const store = path.join(scratch.dir, 'data', 'recent-files.json');
    await mkdir(path.dirname(store), { recursive: true });
    const list = async (): Promise<RecentFiles['files']> => ((await (await send('GET', '/api/notebooks/recent')).json()) as RecentFiles).files;
    for (const junk of ['{"files": [', '{"files": "nope"}', JSON.stringify({ files: [{ path: 'relative.md', fileName: 'relative.md', usedAt: 'x' }] }), '\u0000\u00ff']) {
      await writeFile(store, junk);
      expect(await list()).toEqual([]);
    }
    const file = path.join(home, 'good.md');
    await writeFile(file, '# Good\n');
    await open(file);
    expect((await list()).map((entry) => entry.path)).toEqual([file]);
    expect(JSON.parse(await readFile(store, 'utf8'))).toMatchObject({ files: [{ path: file, fileName: 'good.md' }] });
  });
});
