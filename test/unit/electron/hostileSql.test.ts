/**
 * The hostile-SQL corpus (test/support/hostileSql.ts) against the native engine, through the host
 * core's real routes and the real native process, in a layout like an installed app's: samples
 * in `datasets/`, state in `data/`, the user's files in `home/`. Every refused statement must fail,
 * every allowed one must run, and no file the user opened, no app file and no workbench file may
 * change; the workbench database must still open afterwards.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { Dataset } from '../../../shared/contract/hostApi';
import { hostileSql, type HostileLayout } from '../../support/hostileSql';
import { makeTempDir } from '../../support/tempDir';
import { createTestHostCore, requestsTo } from '../../support/testHostCore';

let temp: { dir: string; cleanup(): Promise<void> };
let layout: HostileLayout;
let core: HostCore;
const { send } = requestsTo(() => core);

async function startCore(): Promise<void> {
  core = await createTestHostCore(temp.dir, layout.homeDir);
}

async function open(file: string, table: string): Promise<void> {
  const dataset = (await (await send('POST', '/api/datasets/open', { path: file })).json()) as Dataset;
  const added = await send('POST', '/api/native/tables', { datasetId: dataset.id, table });
  expect(added.status, await added.clone().text()).toBe(204);
}

async function run(sql: string): Promise<{ ok: boolean; status: number; error: string | null; rows: unknown[][] }> {
  const response = await send('POST', '/api/native/statements', { sql });
  if (!response.ok) return { ok: false, status: response.status, error: ((await response.json()) as { error: string }).error, rows: [] };
  const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    const rows = Array.from({ length: table.numRows }, (_, row) => table.schema.fields.map((_, column) => table.getChildAt(column)!.get(row) as unknown));
  return { ok: true, status: response.status, error: null, rows };
}

async function writeUserDb(file: string): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run("CREATE TABLE important AS SELECT * FROM (VALUES (1, 'keep me'), (2, 'and me')) t(id, note)");
  connection.closeSync();
  instance.closeSync();
}

/** Bytes and mtime of every watched file, and the names in every watched folder. */
async function snapshot(): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  for (const file of [layout.victimCsv, layout.userDb, layout.catalogJson, layout.sampleCsv, layout.neighbourCsv]) {
    const info = await stat(file);
    state[file] = `${info.mtimeMs} ${createHash('sha256').update(await readFile(file)).digest('hex')}`;
  }
  for (const dir of [layout.homeDir, layout.datasetsDir, layout.dataDir, path.join(layout.dataDir, 'exports')]) {
    state[dir] = existsSync(dir) ? (await readdir(dir)).sort().join('\n') : '(none)';
  }
  return state;
}

beforeEach(async () => {
  temp = await makeTempDir();
  const home = path.join(temp.dir, 'home');
  const datasetsDir = path.join(temp.dir, 'datasets');
  const dataDir = path.join(temp.dir, 'data');
  layout = {
    victimCsv: path.join(home, 'victim.csv'),
    userDb: path.join(home, 'user.duckdb'),
    workbenchDb: path.join(dataDir, 'native', 'workbench.duckdb'),
    workbenchWal: path.join(dataDir, 'native', 'workbench.duckdb.wal'),
    datasetsDir,
    catalogJson: path.join(datasetsDir, 'catalog.json'),
    sampleCsv: path.join(datasetsDir, 'sample.csv'),
    dataDir,
    spillDir: path.join(dataDir, 'spill'),
    neighbourCsv: path.join(home, 'neighbour.csv'),
    homeDir: home,
  };
  await mkdir(home, { recursive: true });
  await mkdir(datasetsDir, { recursive: true });
  await mkdir(path.join(temp.dir, 'renderer'), { recursive: true });
  await writeFile(layout.victimCsv, 'id,name\n1,Ada\n2,Grace\n');
  await writeFile(layout.neighbourCsv, 'password\nhunter2\n');
  await writeFile(layout.sampleCsv, 'x\n1\n');
  await writeFile(layout.catalogJson, JSON.stringify({ datasets: [{ file: 'sample.csv', title: 'Sample', description: 'One row.', license: 'CC0' }] }));
  await writeUserDb(layout.userDb);
  await startCore();
  await open(layout.victimCsv, 'victim');
  await open(layout.userDb, 'userdb');
});

afterEach(async () => {
  core.close();
  await temp.cleanup();
});

describe('hostile SQL on the native engine', () => {
  it('refuses every hostile statement of the corpus, runs the allowed ones, and changes no file', async () => {
    expect(hostileSql.length).toBeGreaterThanOrEqual(40);
    // The sample is opened too, so the app's own files are among those SQL may read.
    const sample = core.datasets.list().find((dataset) => dataset.fileName === 'sample.csv')!;
    expect((await send('POST', '/api/native/tables', { datasetId: sample.id, table: 'sample' })).status).toBe(204);
    // A table of the user's in the workbench, and a large stored result (scratch) that must keep working.
    expect((await run('CREATE TABLE kept AS SELECT 1 AS a')).ok).toBe(true);
    const before = await snapshot();
    const outcomes: { name: string; expected: string; ok: boolean; error: string | null }[] = [];
    for (const entry of hostileSql) {
      const result = await run(entry.sql(layout));
      outcomes.push({ name: entry.name, expected: entry.native, ok: result.ok, error: result.error });
      expect(await snapshot(), `files after “${entry.name}”`).toEqual(before);
      // The engine keeps answering after each one.
      expect((await run('SELECT count(*) FROM victim')).rows, `after “${entry.name}”`).toEqual([[2n]]);
    }
    const wrong = outcomes.filter((outcome) => outcome.ok !== (outcome.expected === 'allowed'));
    expect(wrong, 'statements with the wrong outcome').toEqual([]);
    const refused = outcomes.filter((outcome) => !outcome.ok).length;
    console.info(`hostile SQL, native engine: ${outcomes.length} tried, ${refused} refused, 0 files changed`);

    // The opened database and the workbench still hold their tables; results past the first rows still work.
    expect((await run('SELECT count(*) FROM userdb.important')).rows).toEqual([[2n]]);
    const big = await send('POST', '/api/native/statements', { sql: 'SELECT * FROM range(100000)' });
    expect(big.status).toBe(200);
    const rows = await send('GET', `/api/native/results/${big.headers.get('X-Result-Id')}/rows?offset=99990&limit=10`);
    expect(rows.status).toBe(200);

    // The workbench database opens again in a new host, with the user's table in it.
    core.close();
    await startCore();
    await open(layout.victimCsv, 'victim');
    expect((await run('SELECT a FROM kept')).rows).toEqual([[1]]);
    expect(await readdir(path.dirname(layout.workbenchDb))).not.toContainEqual(expect.stringMatching(/set-aside/));
  }, 120_000);

  it('refuses with a message that says why and what to use instead', async () => {
    const copy = await run(`COPY victim TO '${layout.victimCsv}'`);
    expect(copy.status).toBe(403);
    expect(copy.error).toMatch(/^COPY cannot run on the native engine.*Export button/);
    expect((await run("ATTACH ':memory:' AS m")).error).toMatch(/^ATTACH and DETACH cannot run.*Open file…/);
    expect((await run('DROP VIEW victim')).error).toMatch(/^“victim” belongs to Data Lab/);
    expect((await run('CREATE TABLE scratch.x AS SELECT * FROM victim')).error).toMatch(/may change only your own tables/);
    expect((await run("SELECT 1; SELECT 2")).error).toMatch(/one statement at a time.*2 statements/);
    // DuckDB's own words for SQL that does not parse, as the in-app engine says them.
    expect((await run('SELEC 1')).error).toMatch(/^Parser Error: syntax error at or near "SELEC"/);
  });

  it('keeps the user’s database after DETACH, ATTACH read-write and DROP (hole 2)', async () => {
    for (const sql of ['DETACH userdb', `ATTACH '${layout.userDb}' AS rw`, 'DROP TABLE rw.important']) expect((await run(sql)).ok, sql).toBe(false);
    core.close();
    const instance = await DuckDBInstance.create(layout.userDb, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    expect((await connection.runAndReadAll('SELECT count(*)::INTEGER FROM important')).getRows()).toEqual([[2]]);
    connection.closeSync();
    instance.closeSync();
    await startCore();
  });

  it('starts after an attempt to overwrite the workbench database and the samples catalog (holes 3 and 4)', async () => {
    expect((await run(`COPY (SELECT 1 AS x) TO '${layout.workbenchDb}' (USE_TMP_FILE false)`)).ok).toBe(false);
    expect((await run(`COPY (SELECT 1 AS x) TO '${layout.catalogJson}' (FORMAT csv)`)).ok).toBe(false);
    core.close();
    await startCore();
    expect(core.datasets.list().map((dataset) => dataset.fileName)).toEqual(['sample.csv']);
    expect((await run('SELECT 42')).rows).toEqual([[42]]);
  });
});
