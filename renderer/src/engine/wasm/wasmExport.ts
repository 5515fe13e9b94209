/**
 * Exports from the in-app engine. Its rows live in the page, so the engine writes a file in its
 * own memory and uploads it; the main side moves it into place.
 *
 * - CSV is written by duckdb-wasm's COPY, Arrow by apache-arrow here: both in their final format.
 * - Parquet and JSON: duckdb-wasm has no writer for them offline. The rows go to the host as an
 *   Arrow IPC stream, which the host checks with its Arrow importer's type mapping, imports into
 *   native DuckDB and writes with COPY, so DECIMAL, lists, structs, maps, intervals and UUIDs keep
 *   their types. A column whose type cannot travel that way (a UNION, a BIT…) makes the host refuse
 *   the file (`export.errorTypesRetyped`, naming the columns): the rows are then staged again with
 *   just those columns cast to VARCHAR (DuckDB's own text of each value), so every other column
 *   keeps its type, and the result names them.
 *
 * Arrow is staged a record batch at a time into a Blob (which Chromium may keep on disk), so the
 * page never holds the whole result as Arrow objects and as bytes at once.
 */
import type * as duckdb from '@duckdb/duckdb-wasm';
import { RecordBatchFileWriter, RecordBatchStreamWriter, type RecordBatch, type Schema } from 'apache-arrow';
import type { ExportSource } from '../../../../shared/contract/exportApi';
import { quoteIdentifier, quoteLiteral } from '../../../../shared/sql/identifiers';
import { labelMapBooleans, mayHideMapBooleans, readableBatch, readableSchema } from '../../../../shared/engine/wasmArrow';
import { batchForWriting } from '../../../../shared/formats/arrowIntervals';
import { hostClient } from '../../host/hostClient';
import { typeNamesOf } from './typeNames';
import { ExportCanceledError, ExportJobError, runExportJob, type ExportProgress, type ExportRequest, type ExportResult } from '../exportJob';


export interface StagedRows {
  body: Blob;
  contains: Extract<ExportSource, { kind: 'staged' }>['contains'];
  rowCount: number;
}

/** The relation with `names` cast to VARCHAR, every other column as it is. */
function withColumnsAsText(relation: string, names: readonly string[]): string {
  if (names.length === 0) return relation;
  const casts = names.map((name) => `CAST(${quoteIdentifier(name)} AS VARCHAR) AS ${quoteIdentifier(name)}`);
  return `(SELECT * REPLACE (${casts.join(', ')}) FROM ${relation})`;
}

/** The rows as an Arrow stream for native DuckDB, with the columns in `asText` as VARCHAR. Runs on the engine's connection. */
export async function stageTypedRows(
  connection: duckdb.AsyncDuckDBConnection,
  relation: string,
  asText: readonly string[],
): Promise<{ staged: StagedRows; asText: string[] }> {
  return { staged: { ...(await stageArrow(connection, withColumnsAsText(relation, asText), 'stream')), contains: 'arrow' }, asText: [...asText] };
}

/** Writes the relation's rows in the engine's memory: what to upload. Runs on the engine's connection. */
export async function stageRows(
  db: duckdb.AsyncDuckDB,
  connection: duckdb.AsyncDuckDBConnection,
  relation: string,
  format: 'csv' | 'arrow',
): Promise<StagedRows> {
  if (format === 'arrow') return { ...(await stageArrow(connection, relation, 'file')), contains: 'file' };
  // The engine keeps a file it has not been given in its own memory, where COPY can write it.
  const name = `${crypto.randomUUID()}.csv`;
  try {
    const copied = await connection.query(`COPY (SELECT * FROM ${relation}) TO ${quoteLiteral(name)} (FORMAT csv, HEADER true)`);
    const rowCount = Number(copied.getChildAt(0)?.get(0) ?? 0);
    const bytes = await db.copyFileToBuffer(name);
    return { body: new Blob([bytes as Uint8Array<ArrayBuffer>]), contains: 'file', rowCount };
  } finally {
    await db.dropFile(name).catch(() => undefined);
  }
}

/** The rows as an Arrow IPC file or stream, streamed from the engine a batch at a time. */
async function stageArrow(connection: duckdb.AsyncDuckDBConnection, relation: string, kind: 'file' | 'stream'): Promise<{ body: Blob; rowCount: number }> {
  // Asked before the rows stream: the connection answers nothing else meanwhile.
  const typeNames = await typeNamesOf(connection, relation);
  const reader = await connection.send(`SELECT * FROM ${relation}`, true);
  let labelled: Schema | null = null;
  const writer = kind === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  let body = new Blob([]);
  let written: Uint8Array[] = [];
  const drained = (async () => {
    for await (const bytes of writer) written.push(bytes);
  })();
  // A Blob copies the bytes it is made of: the batch (whose buffers the writer's bytes may share) can go.
  const collect = async (): Promise<void> => {
    // The drain loop runs on already-resolved promises: one macrotask lets it take everything queued.
    await new Promise((resolve) => setTimeout(resolve, 0));
    body = new Blob([body, ...(written as Uint8Array<ArrayBuffer>[])]);
    written = [];
  };
  let rowCount = 0;
  let started = false;
  try {
    for await (const sent of reader as AsyncIterable<RecordBatch>) {
      labelled ??= mayHideMapBooleans(sent.schema) ? labelMapBooleans(sent.schema, typeNames) : sent.schema;
      const batch = batchForWriting(readableBatch(sent, labelled));
      if (!started) {
        writer.reset(undefined, batch.schema);
        started = true;
      }
      writer.write(batch);
      rowCount += batch.numRows;
      await collect();
    }
    // An empty result still makes a valid file: its schema and no batches.
    if (!started) writer.reset(undefined, readableSchema(labelMapBooleans(reader.schema, typeNames)));
    writer.finish();
    await drained;
    await collect();
    return { body, rowCount };
  } catch (error) {
    writer.abort();
    await drained.catch(() => undefined);
    throw error;
  }
}

/** Uploads staged rows and follows the host's job that writes the file. */
export async function exportStaged(
  staged: StagedRows,
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<{ rowCount: number | null }> {
  if (signal.aborted) throw new ExportCanceledError();
  const stagedId = await hostClient.exports.upload(staged.body, signal).catch((error: unknown) => {
    throw signal.aborted ? new ExportCanceledError() : error;
  });
  const { rowCount } = await runExportJob({ kind: 'staged', stagedId, contains: staged.contains }, request, onProgress, signal);
  return { rowCount: rowCount ?? staged.rowCount };
}

/** How the engine stages its rows, each run on its own connection. */
export interface RowStaging {
  /** CSV or Arrow, in their final format. */
  rows(format: 'csv' | 'arrow'): Promise<StagedRows>;
  typedRows(asText: readonly string[]): Promise<{ staged: StagedRows; asText: string[] }>;
}

/** The column names the host refused (`names`, a JSON array), or null for any other error. */
function refusedColumns(error: unknown): string[] | null {
  if (!(error instanceof ExportJobError && error.key === 'export.errorTypesRetyped')) return null;
  try {
    const names: unknown = JSON.parse(String(error.params?.['names'] ?? ''));
    return Array.isArray(names) && names.length > 0 && names.every((name) => typeof name === 'string') ? names : null;
  } catch {
    return null;
  }
}

/** An export from the in-app engine, by the route that keeps types where there is one. */
export async function exportFromEngine(
  staging: RowStaging,
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<ExportResult> {
  if (request.format !== 'parquet' && request.format !== 'json') return exportStaged(await staging.rows(request.format), request, onProgress, signal);
  let { staged, asText } = await staging.typedRows([]);
  let result: { rowCount: number | null };
  try {
    result = await exportStaged(staged, request, onProgress, signal);
  } catch (error) {
    const refused = refusedColumns(error);
    if (!refused) throw error;
    // Once: the same columns as text cannot be refused again (VARCHAR always travels).
    onProgress({ phase: 'preparing', fraction: null });
    ({ staged, asText } = await staging.typedRows([...asText, ...refused]));
    result = await exportStaged(staged, request, onProgress, signal);
  }
  return asText.length === 0 ? result : { ...result, retyped: { columns: asText.join(', '), count: asText.length } };
}
