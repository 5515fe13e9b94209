/**
 * The native DuckDB process (`node out/main/nativeProcess.js`, forked by the host). It runs apart
 * from the host so that a crash or an out-of-memory in DuckDB never takes the app down. Every
 * database it opens is locked down before any SQL from outside runs: it may read only the file it
 * was asked to read, write only its target and spill folder, load no extension, and no statement
 * can undo those settings.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { convertedTableName, type ConvertRequest, type NativeRequest, type NativeResponse } from './nativeProtocol';

const readers: Record<ConvertRequest['format'], string> = {
  parquet: 'read_parquet',
  json: 'read_json',
};

async function convert(request: ConvertRequest): Promise<number> {
  await mkdir(request.spillDir, { recursive: true });
  await rm(request.target, { force: true });
  await rm(`${request.target}.wal`, { force: true });
  const instance = await DuckDBInstance.create(request.target, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  try {
    await connection.run(`SET threads = ${Math.max(1, Math.floor(request.threads))}`);
    await connection.run(`SET memory_limit = ${quoteLiteral(request.memoryLimit)}`);
    await connection.run(`SET temp_directory = ${quoteLiteral(request.spillDir)}`);
    await connection.run(`SET allowed_paths = [${quoteLiteral(request.source)}]`);
    await connection.run(`SET allowed_directories = [${quoteLiteral(request.spillDir + path.sep)}]`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    await connection.run(`CREATE TABLE ${convertedTableName} AS SELECT * FROM ${readers[request.format]}(${quoteLiteral(request.source)})`);
    const count = await connection.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${convertedTableName}`);
    await connection.run('CHECKPOINT');
    return Number(count.getRows()[0]?.[0] ?? 0);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function handle(request: NativeRequest): Promise<NativeResponse> {
  try {
    switch (request.type) {
      case 'convert':
        return { id: request.id, ok: true, rowCount: await convert(request) };
    }
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

process.on('message', (message: NativeRequest) => {
  void handle(message).then((response) => process.send?.(response));
});
process.on('disconnect', () => process.exit(0));
