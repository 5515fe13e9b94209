/**
 * Parquet and JSON streamed into the in-app engine (GET /api/datasets/:id/arrow, inserted batch by
 * batch with insertArrowFromIPCStream) give the table native DuckDB reads from the same file: the
 * same column types (DESCRIBE) and every value's text (CAST AS VARCHAR), row for row.
 *
 * The files: one Parquet file with the types users meet most (DECIMAL, LIST, STRUCT, MAP,
 * INTERVAL, UUID, TIMESTAMPTZ, BOOLEAN, HUGEINT), a Parquet file per type of the type corpus that
 * Parquet can hold, a file large enough for several batches, and JSON. The types the stream
 * cannot carry (the page then takes the database file route) are named.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { createInstance, prepareConnection } from '../../../electron/host/native/lockedInstance';
import { defaultNativeSettings } from '../../../electron/host/native/nativeSession';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../shared/contract/hostApi';
import { readTableFrames, tableFramesPath, type TableFrame } from '../../../shared/contract/tableFrames';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { createScratchHostCore, type ScratchHostCore } from '../../support/testHostCore';
import { typeCorpus, typeCorpusSetup } from '../../support/typeCorpus';
import { carriedByArrow } from '../../../electron/host/native/tableStream';
import { writeEverydayTypesParquet } from '../../support/parquetFixtures';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

let host: ScratchHostCore;
let instance: DuckDBInstance;
let native: DuckDBConnection;
let wasm: WasmDuckdb;

beforeAll(async () => {
  host = await createScratchHostCore();
  // The app's native engine as it starts: its settings, and times printed in UTC.
  instance = await createInstance(':memory:', defaultNativeSettings(), path.join(os.tmpdir(), 'datalab-parity-spill'));
  native = await instance.connect();
  await prepareConnection(native);
  for (const sql of typeCorpusSetup) await native.run(sql);
  wasm = await openWasmDuckdb();
}, 60_000);

afterAll(async () => {
  native?.closeSync();
  instance?.closeSync();
  await wasm?.close();
  await host?.dispose();
});

async function open(file: string): Promise<Dataset> {
  const response = await host.core.fetch(
    new Request('http://127.0.0.1:1/api/datasets/open', { method: 'POST', body: JSON.stringify({ path: file }), headers: { 'Content-Type': 'application/json' } }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Dataset;
}

/** The frames the host sends for `file`, as the page reads them. */
async function framesOf(file: string): Promise<TableFrame[]> {
  const dataset = await open(file);
  const response = await host.core.fetch(new Request(`http://127.0.0.1:1${tableFramesPath(dataset.id)}`));
  expect(response.status).toBe(200);
  const frames: TableFrame[] = [];
  for await (const frame of readTableFrames(response.body!)) frames.push(frame);
  return frames;
}

/** Streams `file` into the in-app engine as the page does: the first batch creates the table, the others append. */
async function streamIntoWasm(file: string, table: string): Promise<{ batches: number; frames: TableFrame[] }> {
  const frames = await framesOf(file);
  const batches = frames.filter((frame) => frame.kind === 'batch');
  for (const [i, frame] of batches.entries()) await wasm.insertArrowIpc(table, frame.bytes, i === 0);
  return { batches: batches.length, frames };
}

/** Column types and every value as text, in file order. */
async function nativeRead(relation: string): Promise<{ types: string[]; rows: (string | null)[][] }> {
  const described = (await native.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRows().map((row) => String(row[1]));
  const rows = (await native.runAndReadAll(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ${relation}`)).getRows().map((row) => row.map((value) => (value === null ? null : String(value))));
  return { types: described, rows };
}

async function wasmRead(table: string): Promise<{ types: string[]; rows: (string | null)[][] }> {
  const described = await wasm.query(`DESCRIBE ${table}`);
  const types = Array.from({ length: described.numRows }, (_, i) => String(described.getChild('column_type')?.get(i)));
  const result = await wasm.query(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ${table} ORDER BY rowid`);
  const rows = Array.from({ length: result.numRows }, (_, r) =>
    result.schema.fields.map((_, c) => {
      const value = result.getChildAt(c)?.get(r) as unknown;
      return value === null || value === undefined ? null : String(value);
    }),
  );
  return { types, rows };
}

async function expectSameTable(file: string, relation: string, table: string): Promise<number> {
  const { batches, frames } = await streamIntoWasm(file, table);
  expect(frames[0]).toMatchObject({ kind: 'header', header: { uncarried: [] } });
  expect(frames.at(-1)?.kind).toBe('end');
  const expected = await nativeRead(relation);
  const found = await wasmRead(table);
  expect(found.types).toEqual(expected.types);
  expect(found.rows).toEqual(expected.rows);
  return batches;
}

describe('Parquet streamed into the in-app engine', () => {
  it('keeps DECIMAL, LIST, STRUCT, MAP, INTERVAL, UUID, TIMESTAMPTZ, BOOLEAN and HUGEINT, type and value', async () => {
    const file = path.join(host.home, 'everyday types.parquet');
    await writeEverydayTypesParquet(file, 5000);
    await expectSameTable(file, `read_parquet(${quoteLiteral(file)})`, 'everyday');
    // The types as a user reads them in the catalog: nothing widened, nothing turned to text.
    expect((await wasmRead('everyday')).types).toEqual([
      'BIGINT',
      'DECIMAL(18,3)',
      'BIGINT[]',
      'STRUCT("name" VARCHAR, tags VARCHAR[], ok BOOLEAN)',
      'MAP(VARCHAR, DECIMAL(21,1))',
      'INTERVAL',
      'UUID',
      'TIMESTAMP WITH TIME ZONE',
      'BOOLEAN',
      expect.stringMatching(/^(HUGEINT|DOUBLE|DECIMAL\(38,0\))$/),
    ]);
  });

  it('keeps every type of the type corpus that Parquet holds', async () => {
    let index = 0;
    for (const [name, sql, wasmCheck] of typeCorpus) {
      if (wasmCheck === 'none' || name === 'unnamed STRUCT') continue;
      const file = path.join(host.home, `corpus ${index}.parquet`);
      // Some values Parquet cannot hold (negative intervals): that type is not a Parquet file's.
      const written = await native.run(`COPY (${sql}) TO ${quoteLiteral(file)} (FORMAT parquet)`).then(() => true, () => false);
      // Nor can a table hold everything a Parquet file gives back (a union comes back as an unnamed struct), on either route.
      if (!written || !(await native.run(`CREATE OR REPLACE TEMP TABLE probe AS FROM read_parquet(${quoteLiteral(file)})`).then(() => true, () => false))) continue;
      await expectSameTable(file, `read_parquet(${quoteLiteral(file)})`, `corpus_${index}`).catch((error: unknown) => {
        throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      });
      index += 1;
    }
    expect(index).toBeGreaterThan(30);
  }, 180_000);

  it('sends a large file in several batches, and an empty one as its schema alone', async () => {
    const big = path.join(host.home, 'big.parquet');
    await native.run(`COPY (SELECT i AS id, 'row ' || i AS label, i * 0.5 AS ratio FROM range(300000) t(i)) TO ${quoteLiteral(big)} (FORMAT parquet)`);
    const { batches } = await streamIntoWasm(big, 'big');
    expect(batches).toBeGreaterThan(1);
    // Too many rows to compare cell by cell in reasonable time: their count, sums and a digest of the text, in file order.
    const summary = `SELECT count(*)::VARCHAR, sum(id)::VARCHAR, sum(ratio)::VARCHAR, md5(string_agg(label, ',' ORDER BY id)) FROM`;
    const expected = (await native.runAndReadAll(`${summary} read_parquet(${quoteLiteral(big)})`)).getRows()[0]!.map(String);
    const found = await wasm.query(`${summary} big`);
    expect(found.schema.fields.map((_, c) => String(found.getChildAt(c)?.get(0)))).toEqual(expected);
    expect(expected[0]).toBe('300000');
    const empty = path.join(host.home, 'empty.parquet');
    await native.run(`COPY (SELECT 1::INTEGER AS n, 'x' AS s WHERE false) TO ${quoteLiteral(empty)} (FORMAT parquet)`);
    expect(await expectSameTable(empty, `read_parquet(${quoteLiteral(empty)})`, 'empty')).toBe(1);
  }, 120_000);
});

describe('JSON streamed into the in-app engine', () => {
  it('gives the table native DuckDB reads', async () => {
    const file = path.join(host.home, 'people.json');
    await writeFile(file, JSON.stringify([{ name: 'Ada', born: 1815, tags: ['math'], at: '2024-01-02T03:04:05Z' }, { name: 'Alan', born: 1912, tags: [], at: null }]));
    await expectSameTable(file, `read_json(${quoteLiteral(file)})`, 'people');
  });
});

describe('what the stream cannot carry', () => {
  // Neither comes out of a Parquet or JSON file today (DuckDB reads Parquet enums as VARCHAR and
  // nanosecond times as text), but a reader that starts making them must not lose them silently.
  // (TIME_NS is refused before this: node-api cannot even name the type, see tableStream.ts.)
  it('is ENUM, at any depth; every other type is carried', async () => {
    const result = await native.stream(`SELECT 'ok'::mood AS e, ['sad'::mood] AS l, {'t': 'ok'::mood} AS s, MAP {'happy'::mood: 1} AS m,
      1::HUGEINT AS h, [{'m': MAP {1: 'x'}}] AS n, '2024-01-01'::TIMESTAMPTZ AS z`);
    expect(result.columnTypes().map(carriedByArrow)).toEqual([false, false, false, false, true, true, true]);
  });
});
