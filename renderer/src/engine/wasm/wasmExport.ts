/**
 * Exports from the in-app engine. Its rows live in the page, so the engine writes a file in its
 * own memory and uploads it; the main side moves it into place. CSV and Arrow are written here in
 * their final format. duckdb-wasm has no Parquet or JSON writer offline, so for those it uploads
 * CSV and native DuckDB on the main side writes the Parquet or JSON from it (column types are
 * sniffed again from the text). The type-keeping route, a DuckDB database file, fails in
 * duckdb-wasm 1.32: a detached database file stays locked, so its bytes cannot be read back.
 */
import type * as duckdb from '@duckdb/duckdb-wasm';
import { tableToIPC } from 'apache-arrow';
import type { ExportFormat, ExportSource } from '../../../../shared/contract/exportApi';
import { quoteLiteral } from '../../../../shared/sql/identifiers';
import { readableTable } from '../../../../shared/engine/wasmArrow';
import { hostClient } from '../../host/hostClient';
import { ExportCanceledError, runExportJob, type ExportProgress, type ExportRequest } from '../exportJob';

export interface StagedRows {
  bytes: Uint8Array;
  contains: Extract<ExportSource, { kind: 'staged' }>['contains'];
  rowCount: number;
}

/** Writes the relation's rows in the engine's memory: the file to upload. Runs on the engine's connection. */
export async function stageRows(
  db: duckdb.AsyncDuckDB,
  connection: duckdb.AsyncDuckDBConnection,
  relation: string,
  format: ExportFormat,
): Promise<StagedRows> {
  if (format === 'arrow') {
    const table = readableTable(await connection.query(`SELECT * FROM ${relation}`));
    return { bytes: tableToIPC(table, 'file'), contains: 'file', rowCount: table.numRows };
  }
  // The engine keeps a file it has not been given in its own memory, where COPY can write it.
  const name = `${crypto.randomUUID()}.csv`;
  try {
    const copied = await connection.query(`COPY (SELECT * FROM ${relation}) TO ${quoteLiteral(name)} (FORMAT csv, HEADER true)`);
    const rowCount = Number(copied.getChildAt(0)?.get(0) ?? 0);
    return { bytes: await db.copyFileToBuffer(name), contains: format === 'csv' ? 'file' : 'csv', rowCount };
  } finally {
    await db.dropFile(name).catch(() => undefined);
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
  const stagedId = await hostClient.exports.upload(staged.bytes, signal).catch((error: unknown) => {
    throw signal.aborted ? new ExportCanceledError() : error;
  });
  const { rowCount } = await runExportJob({ kind: 'staged', stagedId, contains: staged.contains }, request, onProgress, signal);
  return { rowCount: rowCount ?? staged.rowCount };
}
