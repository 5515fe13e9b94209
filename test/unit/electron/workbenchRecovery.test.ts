/**
 * The workbench's own database file, when it is not a valid DuckDB database (issue 8, hole 4):
 * the native engine still starts, with a fresh database, the bad file is kept under a dated name,
 * and the user is told.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { Session } from '../../../shared/contract/hostApi';
import { makeTempDir } from '../../support/tempDir';
import { createTestHostCore, requestsTo } from '../../support/testHostCore';

let temp: { dir: string; cleanup(): Promise<void> };
let core: HostCore;
const { call, send } = requestsTo(() => core);

beforeEach(async () => {
  temp = await makeTempDir();
  await mkdir(path.join(temp.dir, 'home'));
  await mkdir(path.join(temp.dir, 'renderer'));
  await mkdir(path.join(temp.dir, 'datasets'));
  await mkdir(path.join(temp.dir, 'data', 'native'), { recursive: true });
});
afterEach(async () => {
  core.close();
  await temp.cleanup();
});

describe('a workbench database that is not a DuckDB file', () => {
  it('is set aside with the date in its name, the engine starts with a fresh one, and the session says so', async () => {
    const nativeDir = path.join(temp.dir, 'data', 'native');
    const garbage = 'x\n1\n'.repeat(100);
    await writeFile(path.join(nativeDir, 'workbench.duckdb'), garbage);
    core = await createTestHostCore(temp.dir, path.join(temp.dir, 'home'));

    const response = await send('POST', '/api/native/statements', { sql: 'SELECT 42 AS answer' });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(tableFromIPC(new Uint8Array(await response.arrayBuffer())).getChild('answer')!.get(0)).toBe(42);
    // Tables can be made again, in the new file.
    expect((await send('POST', '/api/native/statements', { sql: 'CREATE TABLE fresh AS SELECT 1 AS a' })).status).toBe(200);

    const setAside = (await readdir(nativeDir)).filter((name) => name.startsWith('workbench.duckdb.set-aside-'));
    expect(setAside).toHaveLength(1);
    expect(setAside[0]).toMatch(/^workbench\.duckdb\.set-aside-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(await readFile(path.join(nativeDir, setAside[0]!), 'utf8')).toBe(garbage);

    const session = (await (await call('/api/session')).json()) as Session;
    expect(session.startupErrors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^The workbench database could not be opened \(.*not a valid DuckDB database file.*\)\. It was set aside as “workbench\.duckdb\.set-aside-.*” and a new, empty one was started/),
    ]);
  });
});
