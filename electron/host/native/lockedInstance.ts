/**
 * Every DuckDB database the native process opens is made the same way: no extension is ever
 * installed or loaded, memory and threads come from the user's settings, spilling goes to the
 * app's folder, and before any SQL from outside runs it is locked down to what it may touch.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import type { NativeSettings } from './nativeProtocol';

export async function createInstance(
  databaseFile: string,
  settings: NativeSettings,
  spillDir: string,
  options: Record<string, string> = {},
): Promise<DuckDBInstance> {
  await mkdir(spillDir, { recursive: true });
  return DuckDBInstance.create(databaseFile, {
    ...options,
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    threads: String(Math.max(1, Math.floor(settings.threads))),
    memory_limit: settings.memoryLimit,
    temp_directory: spillDir,
  });
}

/**
 * Allows reading `files` and reading and writing inside `directories` only, then turns external
 * access off and locks the configuration, so no later statement can loosen any of it.
 */
export async function lockDown(connection: DuckDBConnection, access: { files: readonly string[]; directories: readonly string[] }): Promise<void> {
  if (access.files.length > 0) await connection.run(`SET allowed_paths = [${access.files.map(quoteLiteral).join(', ')}]`);
  const directories = access.directories.map((dir) => quoteLiteral(dir.endsWith(path.sep) ? dir : dir + path.sep));
  if (directories.length > 0) await connection.run(`SET allowed_directories = [${directories.join(', ')}]`);
  await connection.run('SET enable_external_access = false');
  await connection.run('SET lock_configuration = true');
}

/**
 * Settings of one connection that must be set before the lock: progress reporting (DuckDB
 * computes it only with its progress bar on, printing nothing) and times in UTC, as in the
 * in-app engine, which has no time-zone data, so the same query prints the same on both.
 */
export async function prepareConnection(connection: DuckDBConnection): Promise<void> {
  await connection.run('SET enable_progress_bar = true');
  await connection.run('SET enable_progress_bar_print = false');
  await connection.run('SET progress_bar_time = 0');
  await connection.run("SET TimeZone = 'UTC'");
}
