/**
 * Exports from the in-app engine. Its rows live in the page, so the engine writes a file in its
 * own memory and uploads it; the main side moves it into place.
 *
 * - CSV is written by duckdb-wasm's COPY, Arrow by apache-arrow here: both in their final format.
 * - Parquet and JSON: duckdb-wasm has no writer for them offline. The rows go to the host as an
 *   Arrow IPC stream, which the host checks with its Arrow importer's type mapping, imports into
 *   native DuckDB and writes with COPY, so DECIMAL, lists, structs, maps, intervals and UUIDs keep
 *   their types. A column whose type cannot travel that way (a UNION, a BIT…) makes the host refuse
 *   the file (`export.errorTypesRetyped`): the rows are then sent as CSV, native DuckDB guesses the
 *   types again, and the result names those columns.
 *
 * Arrow is staged a record batch at a time into a Blob (which Chromium may keep on disk), so the
 * page never holds the whole result as Arrow objects and as bytes at once.
 */
import type * as duckdb from '@duckdb/duckdb-wasm';
import { RecordBatchFileWriter, RecordBatchStreamWriter, type RecordBatch } from 'apache-arrow';
import type { ExportSource } from '../../../../shared/contract/exportApi';
import { quoteLiteral } from '../../../../shared/sql/identifiers';
import { readableBatch, readableSchema } from '../../../../shared/engine/wasmArrow';
import { batchForWriting } from '../../../../shared/formats/arrowIntervals';
import { hostClient } from '../../host/hostClient';
import { ExportCanceledError, ExportJobError, runExportJob, type ExportProgress, type ExportRequest, type ExportResult } from '../exportJob';

/** How the rows leave the engine: the target file itself, or CSV for native DuckDB to write it from. */
export type StagingRoute = 'file' | 'csv';

export interface StagedRows {
  body: Blob;
  contains: Extract<ExportSource, { kind: 'staged' }>['contains'];
  rowCount: number;
}

/** The columns that cannot go as Arrow although their schema looks right; null when all can. */
export interface Untravelled {
  columns: string;
  count: number;
}

/**
 * Columns whose values duckdb-wasm sends wrong in Arrow without saying so in the schema: a BOOLEAN
 * inside a MAP arrives as TINYINT over bit-packed bytes (shared/engine/wasmArrow.ts), and the host
 * cannot tell. Such columns go as CSV, whose text is right.
 */
async function columnsSentWrong(connection: duckdb.AsyncDuckDBConnection, relation: string): Promise<Untravelled | null> {
  const described = await connection.query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${relation})`);
  const names: string[] = [];
  for (let row = 0; row < described.numRows; row++) {
    const type = String(described.getChildAt(1)?.get(row));
    if (/\bMAP\(.*\bBOOLEAN\b/.test(type)) names.push(String(described.getChildAt(0)?.get(row)));
  }
  return names.length === 0 ? null : { columns: names.join(', '), count: names.length };
}

/** The rows as an Arrow stream for native DuckDB, or the columns that cannot go that way. Runs on the engine's connection. */
export async function stageTypedRows(connection: duckdb.AsyncDuckDBConnection, relation: string): Promise<StagedRows | Untravelled> {
  const wrong = await columnsSentWrong(connection, relation);
  if (wrong) return wrong;
  return { ...(await stageArrow(connection, relation, 'stream')), contains: 'arrow' };
}

/** Writes the relation's rows in the engine's memory: what to upload. Runs on the engine's connection. */
export async function stageRows(
  db: duckdb.AsyncDuckDB,
  connection: duckdb.AsyncDuckDBConnection,
  relation: string,
  format: ExportRequest['format'],
  route: StagingRoute,
): Promise<StagedRows> {
  if (format === 'arrow' && route === 'file') return { ...(await stageArrow(connection, relation, 'file')), contains: 'file' };
  // The engine keeps a file it has not been given in its own memory, where COPY can write it.
  const name = `${crypto.randomUUID()}.csv`;
  try {
    const copied = await connection.query(`COPY (SELECT * FROM ${relation}) TO ${quoteLiteral(name)} (FORMAT csv, HEADER true)`);
    const rowCount = Number(copied.getChildAt(0)?.get(0) ?? 0);
    const bytes = await db.copyFileToBuffer(name);
    return { body: new Blob([bytes as Uint8Array<ArrayBuffer>]), contains: route === 'file' ? 'file' : 'csv', rowCount };
  } finally {
    await db.dropFile(name).catch(() => undefined);
  }
}

/** The rows as an Arrow IPC file or stream, streamed from the engine a batch at a time. */
async function stageArrow(connection: duckdb.AsyncDuckDBConnection, relation: string, kind: 'file' | 'stream'): Promise<{ body: Blob; rowCount: number }> {
  const reader = await connection.send(`SELECT * FROM ${relation}`, true);
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
      const batch = batchForWriting(readableBatch(sent));
      if (!started) {
        writer.reset(undefined, batch.schema);
        started = true;
      }
      writer.write(batch);
      rowCount += batch.numRows;
      await collect();
    }
    // An empty result still makes a valid file: its schema and no batches.
    if (!started) writer.reset(undefined, readableSchema(reader.schema));
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
  rows(route: StagingRoute): Promise<StagedRows>;
  typedRows(): Promise<StagedRows | Untravelled>;
}

/** An export from the in-app engine, by the route that keeps types where there is one. */
export async function exportFromEngine(
  staging: RowStaging,
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<ExportResult> {
  if (request.format !== 'parquet' && request.format !== 'json') return exportStaged(await staging.rows('file'), request, onProgress, signal);
  let untravelled = await staging.typedRows();
  if ('body' in untravelled) {
    try {
      return await exportStaged(untravelled, request, onProgress, signal);
    } catch (error) {
      if (!(error instanceof ExportJobError && error.key === 'export.errorTypesRetyped')) throw error;
      untravelled = { columns: String(error.params?.['columns'] ?? ''), count: Number(error.params?.['count'] ?? 0) };
    }
  }
  onProgress({ phase: 'preparing', fraction: null });
  const { rowCount } = await exportStaged(await staging.rows('csv'), request, onProgress, signal);
  return { rowCount, retyped: untravelled };
}
