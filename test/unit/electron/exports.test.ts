import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { DestinationCheck, ExportJobStatus, StartExportBody } from '../../../shared/contract/exportApi';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { createScratchHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';

let scratch: ScratchHostCore;
let home: string;
let core: HostCore;

const { call, send } = requestsTo(() => core);

/** A statement's stored result, as the results grid would export it. */
async function resultRelation(sql: string): Promise<string> {
  const response = await send('POST', '/api/native/statements', { sql });
  expect(response.status, await response.clone().text()).toBe(200);
  const id = Number(response.headers.get('X-Result-Id'));
  for (;;) {
    const status = (await (await call(`/api/native/results/${id}/status`)).json()) as { complete: boolean };
    if (status.complete) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return decodeURIComponent(response.headers.get('X-Result-Relation') ?? '');
}

async function startExport(body: StartExportBody): Promise<Response> {
  return send('POST', '/api/exports', body);
}

async function finished(job: ExportJobStatus): Promise<ExportJobStatus> {
  for (;;) {
    const status = (await (await call(`/api/exports/${job.id}`)).json()) as ExportJobStatus;
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function exportTo(relation: string, format: StartExportBody['format'], destination: string): Promise<ExportJobStatus> {
  const response = await startExport({ source: { kind: 'relation', relation }, format, destination });
  expect(response.status, await response.clone().text()).toBe(202);
  return finished((await response.json()) as ExportJobStatus);
}

/** Rows read back by a separate native DuckDB, as text so every type compares plainly. */
async function readBack(sql: string): Promise<string[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRows().map((row) => row.map((value) => (value === null ? 'NULL' : String(value))));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Files left in the staging folder (uploads that no export claimed are not partial files). */
async function stagingLeftovers(): Promise<string[]> {
  const entries = await readdir(path.join(scratch.dir, 'data', 'exports')).catch(() => [] as string[]);
  return entries.filter((name) => name !== 'uploads');
}

const sampleSql = `SELECT i::INTEGER AS id, 'name ' || i AS name, i / 4 AS ratio, DATE '2024-01-01' + i::INTEGER AS day,
  CASE WHEN i % 3 = 0 THEN NULL ELSE i * 10 END AS maybe FROM range(5000) t(i)`;
const expectedSql = `SELECT id, name, ratio, day, maybe FROM (${sampleSql}) ORDER BY id`;

beforeEach(async () => {
  scratch = await createScratchHostCore();
  ({ home, core } = scratch);
});
afterEach(() => scratch.dispose());

describe('exports on the native engine', () => {
  it('writes a result as CSV, Parquet, JSON and Arrow that read back to the same values', async () => {
    const relation = await resultRelation(sampleSql);
    const expected = await readBack(expectedSql);
    const columns = 'id::INTEGER, name::VARCHAR, ratio::DOUBLE, day::DATE, maybe::BIGINT';

    const csv = await exportTo(relation, 'csv', path.join(home, 'out.csv'));
    expect(csv).toMatchObject({ state: 'done', rowCount: 5000, destination: path.join(home, 'out.csv') });
    expect(await readBack(`SELECT ${columns} FROM read_csv(${quoteLiteral(path.join(home, 'out.csv'))}) ORDER BY id`)).toEqual(expected);

    expect((await exportTo(relation, 'parquet', path.join(home, 'out.parquet'))).state).toBe('done');
    expect(await readBack(`SELECT * FROM read_parquet(${quoteLiteral(path.join(home, 'out.parquet'))}) ORDER BY id`)).toEqual(expected);
    expect(await readBack(`SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(path.join(home, 'out.parquet'))}))`)).toEqual([
      ['INTEGER'], ['VARCHAR'], ['DOUBLE'], ['DATE'], ['BIGINT'],
    ]);

    expect((await exportTo(relation, 'json', path.join(home, 'out.json'))).state).toBe('done');
    expect(await readBack(`SELECT ${columns} FROM read_json(${quoteLiteral(path.join(home, 'out.json'))}) ORDER BY id`)).toEqual(expected);

    const arrow = await exportTo(relation, 'arrow', path.join(home, 'out.arrow'));
    expect(arrow).toMatchObject({ state: 'done', rowCount: 5000 });
    const table = tableFromIPC(await readFile(path.join(home, 'out.arrow')));
    expect(table.numRows).toBe(5000);
    expect(table.schema.fields.map((field) => field.name)).toEqual(['id', 'name', 'ratio', 'day', 'maybe']);
    const rows = table.toArray().map((row) => {
      const { id, name, ratio, day, maybe } = row.toJSON() as { id: number; name: string; ratio: number; day: number; maybe: bigint | null };
      return [String(id), name, String(ratio), new Date(day).toISOString().slice(0, 10), maybe === null ? 'NULL' : String(maybe)];
    });
    rows.sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(rows).toEqual(expected);

    expect(await stagingLeftovers()).toEqual([]);
    expect((await readdir(home)).sort()).toEqual(['out.arrow', 'out.csv', 'out.json', 'out.parquet']);
  });

  it('writes an Arrow file of many batches, and of no rows', async () => {
    const big = await exportTo('(SELECT range AS n, range::VARCHAR AS s FROM range(300000))', 'arrow', path.join(home, 'big.arrow'));
    expect(big).toMatchObject({ state: 'done', rowCount: 300_000 });
    const table = tableFromIPC(await readFile(path.join(home, 'big.arrow')));
    expect(table.numRows).toBe(300_000);
    expect(table.batches.length).toBeGreaterThan(1);
    expect(table.getChild('s')?.get(299_999)).toBe('299999');

    expect((await exportTo('(SELECT 1 AS n WHERE false)', 'arrow', path.join(home, 'empty.arrow'))).state).toBe('done');
    const empty = tableFromIPC(await readFile(path.join(home, 'empty.arrow')));
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((field) => field.name)).toEqual(['n']);
  });

  it('refuses to replace a file unless asked, and replaces it when asked', async () => {
    const target = path.join(home, 'taken.csv');
    await writeFile(target, 'old');
    const check = (await (await send('POST', '/api/exports/destination', { destination: target })).json()) as DestinationCheck;
    expect(check).toEqual({ path: target, exists: true });
    const refused = await startExport({ source: { kind: 'relation', relation: '(SELECT 1 AS a)' }, format: 'csv', destination: target });
    expect(refused.status).toBe(409);
    expect(await readFile(target, 'utf8')).toBe('old');
    const replaced = await startExport({ source: { kind: 'relation', relation: '(SELECT 1 AS a)' }, format: 'csv', destination: target, overwrite: true });
    expect((await finished((await replaced.json()) as ExportJobStatus)).state).toBe('done');
    expect(await readFile(target, 'utf8')).toBe('a\n1\n');
  });

  it('refuses destinations outside the file roots, relative ones, and the app’s own folder', async () => {
    const outside = path.join(scratch.dir, 'outside');
    await mkdir(outside);
    const relation = { kind: 'relation', relation: '(SELECT 1 AS a)' } as const;
    expect((await startExport({ source: relation, format: 'csv', destination: path.join(outside, 'x.csv') })).status).toBe(404);
    expect((await startExport({ source: relation, format: 'csv', destination: path.join(home, '..', 'outside', 'x.csv') })).status).toBe(404);
    expect((await startExport({ source: relation, format: 'csv', destination: 'x.csv' })).status).toBe(400);
    expect((await startExport({ source: relation, format: 'csv', destination: path.join(home, 'missing', 'x.csv') })).status).toBe(404);
    expect((await send('POST', '/api/exports/destination', { destination: path.join(outside, 'x.csv') })).status).toBe(404);
    expect(await readdir(outside)).toEqual([]);
  });

  it('leaves no file behind when the query fails part-way', async () => {
    const failing = await exportTo(
      "(SELECT CASE WHEN range < 3000000 THEN range ELSE error('boom at the end') END AS n FROM range(4000000))",
      'parquet',
      path.join(home, 'failed.parquet'),
    );
    expect(failing.state).toBe('failed');
    expect(failing.error).toContain('boom at the end');
    expect(await readdir(home)).toEqual([]);
    expect(await stagingLeftovers()).toEqual([]);
  });

  it('leaves no file behind when the destination folder disappears', async () => {
    const folder = path.join(home, 'going');
    await mkdir(folder);
    const response = await startExport({
      source: { kind: 'relation', relation: '(SELECT range, md5(range::VARCHAR) AS h FROM range(3000000))' },
      format: 'csv',
      destination: path.join(folder, 'gone.csv'),
    });
    expect(response.status).toBe(202);
    await rm(folder, { recursive: true });
    const job = await finished((await response.json()) as ExportJobStatus);
    expect(job.state).toBe('failed');
    expect(await readdir(home)).toEqual([]);
    expect(await stagingLeftovers()).toEqual([]);
  });

  it('cancels a running export, reporting progress first, and removes the partial file', async () => {
    // DuckDB reports progress for table scans (a stored result), not for range().
    const stored = await resultRelation('SELECT range AS n FROM range(20000000)');
    const response = await startExport({
      source: { kind: 'relation', relation: `(SELECT n, md5(n::VARCHAR) AS h, md5(h) AS h2 FROM ${stored})` },
      format: 'parquet',
      destination: path.join(home, 'canceled.parquet'),
    });
    const job = (await response.json()) as ExportJobStatus;
    let status = job;
    // Until DuckDB has measured some progress (0 while the statement starts: the gate's checks ran just before it).
    for (let i = 0; i < 200 && !((status.fraction ?? 0) > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = (await (await call(`/api/exports/${job.id}`)).json()) as ExportJobStatus;
    }
    expect(status.fraction).toBeGreaterThan(0);
    expect(status.state).toBe('running');
    expect((await send('DELETE', `/api/exports/${job.id}`)).status).toBe(200);
    const ended = await finished(job);
    expect(ended.state).toBe('canceled');
    expect(await readdir(home)).toEqual([]);
    expect(await stagingLeftovers()).toEqual([]);
    // The engine is free again.
    expect((await exportTo('(SELECT 42 AS answer)', 'csv', path.join(home, 'after.csv'))).state).toBe('done');
  });
});

describe('exports of rows uploaded by the in-app engine', () => {
  it('refuses an upload declared as a DuckDB database or CSV: the host reads uploads only as Arrow', async () => {
    const upload = await call('/api/exports/staged', { method: 'POST', body: 'id,day\n1,2024-01-02\n' });
    const { stagedId } = (await upload.json()) as { stagedId: string };
    for (const contains of ['database', 'csv']) {
      const response = await startExport({ source: { kind: 'staged', stagedId, contains } as never, format: 'parquet', destination: path.join(home, `${contains}.parquet`) });
      expect(response.status).toBe(400);
    }
    expect(await readdir(home)).toEqual([]);
  });

  it('moves an uploaded file that is already in its format', async () => {
    const upload = await call('/api/exports/staged', { method: 'POST', body: 'a,b\n1,2\n' });
    const { stagedId } = (await upload.json()) as { stagedId: string };
    const response = await startExport({ source: { kind: 'staged', stagedId, contains: 'file' }, format: 'csv', destination: path.join(home, 'plain.csv') });
    expect((await finished((await response.json()) as ExportJobStatus)).state).toBe('done');
    expect(await readFile(path.join(home, 'plain.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(await readdir(path.join(scratch.dir, 'data', 'exports', 'uploads'))).toEqual([]);
  });
});
