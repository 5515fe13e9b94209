import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { Dataset } from '../../../shared/contract/hostApi';
import { createCellFormatter } from '../../../shared/values/cellFormat';
import { createScratchHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';
import { writeOrdersParquet } from '../../support/parquetFixtures';

let scratch: ScratchHostCore;
let home: string;
let core: HostCore;

const { call, send } = requestsTo(() => core);

async function open(file: string, table: string): Promise<Dataset> {
  const dataset = (await (await send('POST', '/api/datasets/open', { path: file })).json()) as Dataset;
  const added = await send('POST', '/api/native/tables', { datasetId: dataset.id, table });
  expect(added.status, await added.clone().text()).toBe(204);
  return dataset;
}

/** The rows of an Arrow answer as the grid shows them. */
function texts(table: Table): string[][] {
  const formatters = table.schema.fields.map((field) => createCellFormatter(field.type, field.metadata));
  return Array.from({ length: table.numRows }, (_, row) =>
    table.schema.fields.map((_, col) => formatters[col]!.at(table.getChildAt(col)!, row).text),
  );
}

async function execute(sql: string): Promise<{ response: Response; table: Table; id: number }> {
  const response = await send('POST', '/api/native/statements', { sql });
  if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
  return { response, table: tableFromIPC(new Uint8Array(await response.arrayBuffer())), id: Number(response.headers.get('X-Result-Id')) };
}

async function complete(id: number): Promise<{ rowCount: number; error: string | null }> {
  for (;;) {
    const status = (await (await call(`/api/native/results/${id}/status`)).json()) as { rowCount: number; complete: boolean; error: string | null };
    if (status.complete) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeEach(async () => {
  scratch = await createScratchHostCore();
  ({ home, core } = scratch);
});
afterEach(() => scratch.dispose());

describe('native engine through the host core', () => {
  it('queries CSV, gzipped CSV, Parquet and JSON in place, with DuckDB type names in the schema', async () => {
    await writeFile(path.join(home, 'cities.csv'), 'name,pop\nParis,2100000\nLyon,520000\n');
    await writeFile(path.join(home, 'events.json'), '[{"id": 1, "tags": ["a", "b"]}, {"id": 2, "tags": []}]');
    await writeOrdersParquet(path.join(home, 'orders.parquet'), 1_000);
    await writeFile(path.join(home, 'towns.csv.gz'), gzipSync('name,pop\nArles,50000\n'));
    await open(path.join(home, 'towns.csv.gz'), 'towns');
    expect(texts((await execute('SELECT * FROM towns')).table)).toEqual([['Arles', '50000']]);
    await open(path.join(home, 'cities.csv'), 'cities');
    await open(path.join(home, 'events.json'), 'events');
    await open(path.join(home, 'orders.parquet'), 'orders');

    const { table } = await execute('SELECT name, pop FROM cities ORDER BY pop DESC');
    expect(texts(table)).toEqual([['Paris', '2100000'], ['Lyon', '520000']]);
    expect(JSON.parse(table.schema.metadata.get('duckdb.column_types') ?? 'null')).toEqual(['VARCHAR', 'BIGINT']);
    expect(texts((await execute('SELECT id, tags FROM events ORDER BY id')).table)).toEqual([['1', '[a, b]'], ['2', '[]']]);
    expect(texts((await execute('SELECT count(*) FROM orders')).table)).toEqual([['1000']]);
    // Text of times with zones is in UTC, as on the in-app engine (which has no time-zone data).
    expect(texts((await execute("SELECT (TIMESTAMPTZ '2024-01-01 12:00:00+02')::VARCHAR")).table)).toEqual([['2024-01-01 10:00:00+00']]);
    const catalog = tableFromIPC(new Uint8Array(await (await send('POST', '/api/native/read', { sql: 'SELECT table_name FROM information_schema.tables ORDER BY 1' })).arrayBuffer()));
    expect(texts(catalog).flat()).toEqual(expect.arrayContaining(['cities', 'events', 'orders']));
  });

  it('refuses to read anything the user did not open, to write outside the app, or to loosen its settings', async () => {
    await writeFile(path.join(home, 'cities.csv'), 'name\nParis\n');
    await writeFile(path.join(home, 'secret.csv'), 'password\nhunter2\n');
    await open(path.join(home, 'cities.csv'), 'cities');
    const refused = [
      `SELECT * FROM read_csv('${path.join(home, 'secret.csv')}')`,
      "SELECT * FROM read_csv('/etc/passwd')",
      `COPY cities TO '${path.join(home, 'out.csv')}'`,
      `ATTACH '${path.join(home, 'other.duckdb')}' AS other`,
      'SET enable_external_access = true',
      'INSTALL httpfs',
      'LOAD httpfs',
    ];
    for (const sql of refused) await expect(execute(sql), sql).rejects.toThrow(/Permission Error|cannot run on the native engine/i);
    // And the engine still works.
    expect(texts((await execute('SELECT count(*) FROM cities')).table)).toEqual([['1']]);
  });

  it('sends the first rows at once, stores the rest, and serves windows, sorted and filtered views of it', async () => {
    const { table, id, response } = await execute('SELECT i, i % 7 AS m, format(\'row {}\', i) AS label FROM range(1000000) t(i)');
    expect(table.numRows).toBeGreaterThan(0);
    expect(table.numRows).toBeLessThanOrEqual(4096);
    expect(response.headers.get('X-Result-Complete')).toBe('false');
    expect(await complete(id)).toEqual({ rowCount: 1_000_000, complete: true, error: null });

    const window = await call(`/api/native/results/${id}/rows?offset=999990&limit=100`);
    expect(texts(tableFromIPC(new Uint8Array(await window.arrayBuffer()))).map((row) => row[0])).toEqual(
      Array.from({ length: 10 }, (_, k) => String(999_990 + k)),
    );

    const sorted = (await (await send('POST', `/api/native/results/${id}/view`, { sort: { column: 1, descending: true }, filter: 'row 12' })).json()) as {
      resultId: number;
      status: { rowCount: number };
    };
    // "row 12" matches 12, 120–129, 1200–1299, 12000–12999, 120000–129999.
    expect(sorted.status.rowCount).toBe(1 + 10 + 100 + 1_000 + 10_000);
    const first = tableFromIPC(new Uint8Array(await (await call(`/api/native/results/${sorted.resultId}/rows?offset=0&limit=5`)).arrayBuffer()));
    expect(first.schema.fields.map((f) => f.name)).toEqual(['i', 'm', 'label']);
    expect(texts(first).every((row) => row[1] === '6')).toBe(true);
  });

  it('keeps a result that came whole in the first reply: its windows, views and relation work as for a stored one', async () => {
    const { table, id, response } = await execute("SELECT i, format('row {}', i) AS label FROM range(50) t(i)");
    expect(response.headers.get('X-Result-Complete')).toBe('true');
    expect(table.numRows).toBe(50);
    const relation = decodeURIComponent(response.headers.get('X-Result-Relation') ?? '');

    // Another statement in between, so the result is not the latest one any more.
    await execute('SELECT 1');
    const window = await call(`/api/native/results/${id}/rows?offset=45&limit=10`);
    expect(texts(tableFromIPC(new Uint8Array(await window.arrayBuffer()))).map((row) => row[1])).toEqual(['row 45', 'row 46', 'row 47', 'row 48', 'row 49']);
    const sorted = (await (await send('POST', `/api/native/results/${id}/view`, { sort: { column: 0, descending: true }, filter: 'row 4' })).json()) as {
      resultId: number;
      status: { rowCount: number };
    };
    expect(sorted.status.rowCount).toBe(11);
    const top = tableFromIPC(new Uint8Array(await (await call(`/api/native/results/${sorted.resultId}/rows?offset=0&limit=2`)).arrayBuffer()));
    expect(texts(top)).toEqual([['49', 'row 49'], ['48', 'row 48']]);

    // The relation the renderer was given (profiles and exports use it) names a table that exists.
    const { table: counted } = await execute(`SELECT count(*), max(label) FROM ${relation}`);
    expect(texts(counted)).toEqual([['50', 'row 9']]);

    // A result released before anything asked for its table leaves nothing behind.
    const { id: unused } = await execute('SELECT 42 AS answer');
    expect((await send('DELETE', `/api/native/results/${unused}`)).status).toBe(204);
    expect((await call(`/api/native/results/${unused}/rows?offset=0&limit=1`)).status).toBe(422);
  });

  it('stops a running statement within a second on interrupt, and runs the next one normally', async () => {
    await execute('SELECT 1');
    const running = execute('SELECT count(*) FROM range(100000000000) a');
    running.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    expect(await (await send('POST', '/api/native/interrupt', {})).json()).toEqual({ interrupted: true });
    await expect(running).rejects.toThrow(/Interrupt/i);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(texts((await execute('SELECT 42')).table)).toEqual([['42']]);
  });

  it('stops a named statement only: a queued one is skipped, a running one interrupted, the others run on', async () => {
    await execute('SELECT 1');
    const read = async (sql: string, statementId: string): Promise<Table> => {
      const response = await send('POST', '/api/native/read', { sql, statementId });
      if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
      return tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    };
    const interrupt = async (statementId: string): Promise<unknown> => (await send('POST', '/api/native/interrupt', { statementId })).json();

    // The user's statement runs; profiles' reads go past it (readLane.ts), one at a time there: a
    // queued one is given up, a running one stopped, and the user's statement is untouched.
    const users = execute('SELECT count(*) FROM range(300000000) t(i) WHERE i % 7 = 3');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const first = read('SELECT count(*) FROM range(100000000000) a', 'profile-0');
    first.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const profiles = read('SELECT 1 AS profiled', 'profile-1');
    profiles.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await interrupt('profile-1')).toEqual({ interrupted: true });
    await expect(profiles).rejects.toThrow(/Interrupt/i);
    expect(await interrupt('profile-0')).toEqual({ interrupted: true });
    await expect(first).rejects.toThrow(/Interrupt/i);
    expect(texts((await users).table)).toEqual([['42857143']]);

    // A running named statement stops on its own name; an unknown name stops nothing.
    expect(await interrupt('nobody')).toEqual({ interrupted: false });
    const long = read('SELECT count(*) FROM range(100000000000) a', 'profile-2');
    long.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await interrupt('profile-2')).toEqual({ interrupted: true });
    await expect(long).rejects.toThrow(/Interrupt/i);
    expect(texts((await execute('SELECT 42')).table)).toEqual([['42']]);
  });

  it('keeps every dataset when the process dies: the next statement runs on a fresh one', async () => {
    await writeFile(path.join(home, 'cities.csv'), 'name\nParis\nLyon\n');
    await open(path.join(home, 'cities.csv'), 'cities');
    expect(texts((await execute('SELECT count(*) FROM cities')).table)).toEqual([['2']]);
    core.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(texts((await execute('SELECT count(*) FROM cities')).table)).toEqual([['2']]);
  });

  it('closes an opened file’s view, and never a table the user made under the same name', async () => {
    await writeFile(path.join(home, 'cities.csv'), 'name\nParis\nLyon\n');
    await writeFile(path.join(home, 'été.csv'), 'name\nArles\n');
    await open(path.join(home, 'cities.csv'), 'cities');
    await open(path.join(home, 'été.csv'), 'été villes');
    expect((await send('DELETE', `/api/native/tables/${encodeURIComponent('été villes')}`)).status).toBe(204);
    await expect(execute('SELECT * FROM "été villes"')).rejects.toThrow(/été villes/);
    expect(texts((await execute('SELECT count(*) FROM cities')).table)).toEqual([['2']]);

    // The user's own table in the workbench database: not the session's to close.
    await complete((await execute('CREATE TABLE mine AS SELECT 42 AS answer')).id);
    expect((await send('DELETE', '/api/native/tables/mine')).status).toBe(204);
    expect(texts((await execute('SELECT answer FROM mine')).table)).toEqual([['42']]);

    // A table of the user's under the very name of an opened file's view: the view goes, the table stays.
    await complete((await execute('CREATE TABLE main.cities AS SELECT 7 AS mine')).id);
    expect((await send('DELETE', '/api/native/tables/cities')).status).toBe(204);
    expect(texts((await execute('SELECT mine FROM main.cities')).table)).toEqual([['7']]);
  });

  it('reports a file it cannot read when it is added, and keeps the others', async () => {
    await writeFile(path.join(home, 'good.csv'), 'a\n1\n');
    await writeFile(path.join(home, 'broken.parquet'), 'PAR1 this is not parquet');
    await open(path.join(home, 'good.csv'), 'good');
    const broken = (await (await send('POST', '/api/datasets/open', { path: path.join(home, 'broken.parquet') })).json()) as Dataset;
    const added = await send('POST', '/api/native/tables', { datasetId: broken.id, table: 'broken' });
    expect(added.status).toBe(422);
    expect(((await added.json()) as { error: string }).error).toMatch(/^Could not read “broken\.parquet”: /);
    expect(texts((await execute('SELECT count(*) FROM good')).table)).toEqual([['1']]);
  });

  it('a binary "CSV" is refused by name; a query that exhausts the memory limit fails clearly; the engine and its tables stay', async () => {
    await writeFile(path.join(home, 'cities.csv'), 'name\nParis\nLyon\n');
    await writeFile(path.join(home, 'noise.csv'), randomBytes(100_000));
    await open(path.join(home, 'cities.csv'), 'cities');
    const settings = await send('PUT', '/api/native/settings', { memoryLimit: '300MiB', threads: 1 });
    expect(settings.status).toBe(204);
    expect(texts((await execute("SELECT current_setting('memory_limit'), current_setting('threads')")).table)).toEqual([['300.0 MiB', '1']]);

    const noise = (await (await send('POST', '/api/datasets/open', { path: path.join(home, 'noise.csv') })).json()) as Dataset;
    const added = await send('POST', '/api/native/tables', { datasetId: noise.id, table: 'noise' });
    expect(added.status).toBe(422);
    expect(((await added.json()) as { error: string }).error).toMatch(/^Could not read “noise\.csv”: .*(sniffing|dialect|unicode|UTF-8)/is);

    await expect(execute('SELECT list(i) FROM range(200000000) t(i)')).rejects.toThrow(/^Out of Memory Error/);
    expect(texts((await execute('SELECT count(*) FROM cities')).table)).toEqual([['2']]);
  });

  it('a file deleted after it was opened gives a clear error naming it, and the engine goes on', async () => {
    await writeFile(path.join(home, 'gone.csv'), 'a\n1\n');
    await writeFile(path.join(home, 'kept.csv'), 'b\n2\n');
    await open(path.join(home, 'gone.csv'), 'gone');
    await open(path.join(home, 'kept.csv'), 'kept');
    await rm(path.join(home, 'gone.csv'));
    await expect(execute('SELECT * FROM gone')).rejects.toThrow(/gone\.csv/);
    expect(texts((await execute('SELECT * FROM kept')).table)).toEqual([['2']]);
  });
});
