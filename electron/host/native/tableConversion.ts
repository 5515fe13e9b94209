/**
 * Parquet and JSON files read by native DuckDB into a DuckDB database file, for the in-app engine
 * to attach. Each conversion runs in a database of its own, locked down before it reads anything:
 * it may read only its one source file and write only its target and spill folder. A conversion
 * is tracked by id: the page shows how far it has got and may stop it (DuckDB's interrupt).
 */
import { rm } from 'node:fs/promises';
import { createInstance, lockDown, prepareConnection } from './lockedInstance';
import { readerSql } from './datasetReaders';
import { convertedTableName, type ConvertRequest } from './nativeProtocol';
import { progressOf } from './exportWriter';
import type { ExportRuns } from './exportRuns';

export async function convertToDatabaseFile(request: ConvertRequest, runs: ExportRuns): Promise<{ rowCount: number }> {
  await rm(request.target, { force: true });
  await rm(`${request.target}.wal`, { force: true });
  const instance = await createInstance(request.target, request.settings, request.spillDir);
  const connection = await instance.connect();
  try {
    await prepareConnection(connection);
    await lockDown(connection, { files: [request.source], directories: [request.spillDir] });
    return await runs.track(request.conversionId, { progress: () => progressOf(connection), cancel: () => connection.interrupt() }, async () => {
      await connection.run(`CREATE TABLE ${convertedTableName} AS SELECT * FROM ${await readerSql(request.source, request.format)}`);
      const count = await connection.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${convertedTableName}`);
      await connection.run('CHECKPOINT');
      return { rowCount: Number(count.getRows()[0]?.[0] ?? 0) };
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
