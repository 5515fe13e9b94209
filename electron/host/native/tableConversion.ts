/**
 * Parquet and JSON files read by native DuckDB into a DuckDB database file, for the in-app engine
 * to attach. Each conversion runs in a database of its own, locked down before it reads anything:
 * it may read only its one source file and write only its target and spill folder.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { readerSql } from './datasetReaders';
import { convertedTableName, type ConvertRequest } from './nativeProtocol';

export async function convertToDatabaseFile(request: ConvertRequest): Promise<{ rowCount: number }> {
  await mkdir(request.spillDir, { recursive: true });
  await rm(request.target, { force: true });
  await rm(`${request.target}.wal`, { force: true });
  const instance = await DuckDBInstance.create(request.target, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    threads: String(Math.max(1, Math.floor(request.settings.threads))),
    memory_limit: request.settings.memoryLimit,
    temp_directory: request.spillDir,
  });
  const connection = await instance.connect();
  try {
    await connection.run(`SET allowed_paths = [${quoteLiteral(request.source)}]`);
    await connection.run(`SET allowed_directories = [${quoteLiteral(request.spillDir + path.sep)}]`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    await connection.run(`CREATE TABLE ${convertedTableName} AS SELECT * FROM ${readerSql(request.source, request.format)}`);
    const count = await connection.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${convertedTableName}`);
    await connection.run('CHECKPOINT');
    return { rowCount: Number(count.getRows()[0]?.[0] ?? 0) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
