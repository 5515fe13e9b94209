/**
 * Writes a relation to a file in the export staging folder, inside the native process. CSV,
 * Parquet and JSON are DuckDB's own writers (COPY); this build has no Arrow writer, so Arrow IPC
 * files are written here, a group of chunks at a time so that memory stays bounded.
 */
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { RecordBatchFileWriter, RecordBatchReader } from 'apache-arrow';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { HostFailure } from '../hostFailure';
import { columnsRetyped, importArrowFile } from './arrowImport';
import { encodeArrowIpc } from './arrowEncoding';
import { createInstance, lockDown, prepareConnection } from './lockedInstance';
import { ExportCanceled, type ExportRuns } from './exportRuns';
import type { ExportRequest } from './nativeProtocol';

/** Rows gathered before they are encoded and written as one Arrow record batch. */
const arrowGroupRows = 65_536;

const copyOptions = { csv: 'FORMAT csv, HEADER true', parquet: 'FORMAT parquet', json: 'FORMAT json' } as const;

/** How far the connection's running statement has got (DuckDB's progress bar, kept silent), 0..1. */
export function progressOf(connection: DuckDBConnection): number | null {
  const { percentage } = connection.progress;
  return percentage >= 0 ? Math.min(1, percentage / 100) : null;
}

export async function writeRelation(
  connection: DuckDBConnection,
  relation: string,
  format: ExportRequest['format'],
  target: string,
): Promise<{ rowCount: number }> {
  if (format === 'arrow') return writeArrowFile(connection, relation, target);
  const result = await connection.runAndReadAll(`COPY (SELECT * FROM ${relation}) TO ${quoteLiteral(target)} (${copyOptions[format]})`);
  return { rowCount: Number(result.getRows()[0]?.[0] ?? 0) };
}

/** An Arrow IPC file, one record batch per group of chunks, streamed to disk as it is encoded. */
async function writeArrowFile(connection: DuckDBConnection, relation: string, target: string): Promise<{ rowCount: number }> {
  const result = await connection.stream(`SELECT * FROM ${relation}`);
  const types = result.columnTypes();
  const columns = result.columnNames().map((name, i) => ({ name, type: types[i]! }));
  const handle = await open(target, 'wx');
  const writer = new RecordBatchFileWriter();
  // The writer queues bytes; this drains them to the file while the next chunks are read.
  const drained = (async () => {
    for await (const bytes of writer) await handle.write(bytes);
  })();
  drained.catch(() => undefined);
  let rowCount = 0;
  let wroteSchema = false;
  const writeGroup = (chunks: readonly DuckDBDataChunk[]): void => {
    const reader = RecordBatchReader.from(encodeArrowIpc(columns, chunks));
    reader.open();
    if (!wroteSchema) {
      // An empty result still makes a valid file: its schema and no batches.
      writer.reset(undefined, reader.schema);
      wroteSchema = true;
    }
    for (const batch of reader) writer.write(batch);
  };
  try {
    let group: DuckDBDataChunk[] = [];
    let groupRows = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      group.push(chunk);
      groupRows += chunk.rowCount;
      rowCount += chunk.rowCount;
      if (groupRows >= arrowGroupRows) {
        writeGroup(group);
        group = [];
        groupRows = 0;
      }
    }
    if (group.length > 0 || !wroteSchema) writeGroup(group);
    writer.finish();
    await drained;
    await handle.sync();
    return { rowCount };
  } catch (error) {
    writer.abort();
    throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Exports rows the in-app engine uploaded as an Arrow IPC file. It runs in an instance of its own,
 * locked down before anything runs: it may write only to the staging folder (and spill), and read
 * no file at all (the importer reads the upload itself, not DuckDB).
 *
 * Its schema is checked with the Arrow importer's own
 * mapping (arrowImport.ts), and a file with a column that would not arrive with its type is
 * refused with `export.errorTypesRetyped` before any row is read (`names`: the columns as a JSON
 * array, since a name may hold a comma; the page then sends those columns as text). Otherwise the importer appends its rows, a batch at a time, to the
 * instance's in-memory table `data`, which DuckDB may spill; it goes with the instance.
 */
export async function exportUploadedArrow(request: ExportRequest, runs: ExportRuns): Promise<{ rowCount: number }> {
  const source = request.upload;
  if (!source) throw new Error('No uploaded rows to export from.');
  const instance = await createInstance(':memory:', source.settings, source.spillDir);
  const connection = await instance.connect();
  try {
    await prepareConnection(connection);
    await lockDown(connection, { files: [], directories: [path.dirname(request.target), source.spillDir] });
    let canceled = false;
    return await runs.track(
      request.exportId,
      {
        progress: () => progressOf(connection),
        cancel: () => {
          canceled = true;
          connection.interrupt();
        },
      },
      async () => {
        const database = String((await connection.runAndReadAll('SELECT current_database()')).getRows()[0]![0]);
        await importArrowFile(connection, source.file, 'data', {
          database,
          check(schema) {
            const columns = columnsRetyped(schema);
            if (columns.length > 0) throw new HostFailure(422, 'export.errorTypesRetyped', { columns: columns.join(', '), count: columns.length, names: JSON.stringify(columns) });
          },
          // The importer's loop is not a DuckDB statement that an interrupt stops.
          afterBatch() {
            if (canceled) throw new ExportCanceled();
          },
        });
        return writeRelation(connection, request.relation, request.format, request.target);
      },
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
