import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { RecordBatchStreamWriter } from 'apache-arrow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { ExportJobStatus, StartExportBody } from '../../../shared/contract/exportApi';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { batchForWriting } from '../../../shared/formats/arrowIntervals';
import { createScratchHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

/**
 * Issue 9, item 3: Parquet and JSON from the in-app engine keep their types. The rows leave the
 * real duckdb-wasm as the app reads them (BOOLEANs made readable), go to the host as an Arrow IPC
 * stream, are checked with the Arrow importer's mapping, imported into native DuckDB and written by
 * COPY. The file must equal, type for type and value for value, the one native DuckDB writes from
 * the same SQL itself.
 */

let scratch: ScratchHostCore;
let core: HostCore;
let wasm: WasmDuckdb;
const { call, send } = requestsTo(() => core);

beforeAll(async () => {
  wasm = await openWasmDuckdb();
});
afterAll(() => wasm.close());
beforeEach(async () => {
  scratch = await createScratchHostCore();
  ({ core } = scratch);
});
afterEach(() => scratch.dispose());

async function finished(job: ExportJobStatus): Promise<ExportJobStatus> {
  for (;;) {
    const status = (await (await call(`/api/exports/${job.id}`)).json()) as ExportJobStatus;
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function exportJob(source: StartExportBody['source'], format: StartExportBody['format'], destination: string): Promise<ExportJobStatus> {
  const response = await send('POST', '/api/exports', { source, format, destination });
  expect(response.status, await response.clone().text()).toBe(202);
  return finished((await response.json()) as ExportJobStatus);
}

/** The in-app engine's rows for `sql` as the Arrow IPC stream the page stages, uploaded to the host. */
async function uploadFromWasm(sql: string): Promise<string> {
  const table = await wasm.queryIpc(sql);
  // As the page writes it (renderer/src/engine/wasm/wasmExport.ts), a batch at a time.
  const bytes = RecordBatchStreamWriter.writeAll(table.batches.map(batchForWriting)).toUint8Array(true);
  const upload = await call('/api/exports/staged', { method: 'POST', body: bytes });
  expect(upload.status).toBe(201);
  return ((await upload.json()) as { stagedId: string }).stagedId;
}

/** Column types and every value as native DuckDB's CAST(x AS VARCHAR), read back from `reader`. */
async function readBack(reader: string): Promise<{ types: string[]; rows: (string | null)[][] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`)).getRows();
    const cast = described.map((_, c) => `CAST(#${c + 1} AS VARCHAR)`).join(', ');
    const rows = (await connection.runAndReadAll(`SELECT ${cast} FROM ${reader}`)).getRows();
    return { types: described.map((row) => String(row[1])), rows: rows.map((row) => row.map((cell) => (cell === null ? null : String(cell)))) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const typedSql = `SELECT i,
  (i * 1.25)::DECIMAL(18,3) AS d, '-0.0000000001'::DECIMAL(38,10) AS d38,
  [i, NULL, i + 1] AS l, {'a': i, 'b': 'x ' || i} AS s, MAP {'k': i, 'n': NULL} AS m,
  INTERVAL '1 year 2 months 3 days 04:05:06.789' * i::INTEGER AS iv,
  '12345678-1234-5678-1234-56781234567' || i AS u_text,
  ('12345678-1234-5678-1234-56781234567' || i)::UUID AS u,
  i % 2 = 0 AS flag, [i % 2 = 0, NULL] AS flags,
  ('2024-01-01 0' || i || ':00:00+05:30')::TIMESTAMPTZ AS ts, TIMESTAMP_NS '2024-01-02 03:04:05.123456789' AS ns,
  DATE '2024-02-29' AS day, TIME '23:59:59.999999' AS t, '\\x00\\xFF'::BLOB AS b,
  (i - 170141183460469231731687303715884105727)::HUGEINT AS h, '340282366920938463463374607431768211455'::UHUGEINT AS uh,
  '12:00:00+05:30'::TIMETZ AS tz, [1, 2]::INTEGER[2] AS arr
  FROM range(4) t(i) UNION ALL SELECT 9, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  ORDER BY i`;

describe('in-app Parquet and JSON exports that keep types', () => {
  it('writes the same Parquet and JSON from the in-app engine’s rows as native DuckDB writes from the same SQL', async () => {
    for (const format of ['parquet', 'json'] as const) {
      const fromWasm = path.join(scratch.home, `wasm.${format}`);
      const fromNative = path.join(scratch.home, `native.${format}`);
      expect(await exportJob({ kind: 'staged', stagedId: await uploadFromWasm(typedSql), contains: 'arrow' }, format, fromWasm)).toMatchObject({
        state: 'done',
        rowCount: 5,
      });
      expect((await exportJob({ kind: 'relation', relation: `(${typedSql})` }, format, fromNative)).state).toBe('done');
      const read = format === 'parquet' ? 'read_parquet' : 'read_json';
      const wasmFile = await readBack(`${read}(${quoteLiteral(fromWasm)})`);
      const nativeFile = await readBack(`${read}(${quoteLiteral(fromNative)})`);
      expect(wasmFile, format).toEqual(nativeFile);
      if (format === 'parquet') {
        // The types the CSV route lost: DECIMAL, LIST, STRUCT, MAP, INTERVAL, UUID (and BOOLEAN stays BOOLEAN).
        expect(wasmFile.types.slice(0, 11)).toEqual([
          'BIGINT', 'DECIMAL(18,3)', 'DECIMAL(38,10)', 'BIGINT[]', 'STRUCT(a BIGINT, b VARCHAR)', 'MAP(VARCHAR, BIGINT)', 'INTERVAL', 'VARCHAR', 'UUID', 'BOOLEAN', 'BOOLEAN[]',
        ]);
      }
    }
  });

  it('refuses an Arrow upload whose columns would not keep their types, naming them, and leaves nothing behind', async () => {
    const sql = `SELECT 1 AS fine, union_value(n := 1)::UNION(n INTEGER, s VARCHAR) AS choice, '0101'::BIT AS bits, [('1'::BIT)] AS nested_bits`;
    const status = await exportJob({ kind: 'staged', stagedId: await uploadFromWasm(sql), contains: 'arrow' }, 'parquet', path.join(scratch.home, 'refused.parquet'));
    expect(status).toMatchObject({ state: 'failed', errorKey: 'export.errorTypesRetyped', errorParams: { columns: 'choice, bits, nested_bits', count: 3, names: JSON.stringify(['choice', 'bits', 'nested_bits']) } });
    expect(await readBack(`glob(${quoteLiteral(path.join(scratch.home, '*'))})`)).toEqual({ types: ['VARCHAR'], rows: [] });
  });
});
