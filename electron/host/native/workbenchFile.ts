/**
 * Opens the workbench's own database file, surviving a file that is not a valid DuckDB database
 * (a crash mid-write, a disk error, an earlier bug that overwrote it): the bad file is set aside
 * under a dated name, never deleted, and the engine starts with a fresh one. The write-ahead log
 * is tried first: when only it is bad, setting it aside keeps every table checkpointed so far.
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import { access, rename } from 'node:fs/promises';
import path from 'node:path';

/** A file moved out of the way, and DuckDB's reason it could not be opened. */
export interface SetAside {
  file: string;
  reason: string;
}

/**
 * `open(file)` opens a database file with the engine's settings. A failure that a fresh file
 * would not fix is thrown as it is: another process holding the file's lock, or settings DuckDB
 * refuses (checked by opening an in-memory database with the same settings).
 */
export async function openWorkbench(
  databaseFile: string,
  open: (file: string) => Promise<DuckDBInstance>,
  now: () => Date = () => new Date(),
): Promise<{ instance: DuckDBInstance; setAside: SetAside[] }> {
  let firstError: unknown;
  try {
    return { instance: await open(databaseFile), setAside: [] };
  } catch (error) {
    firstError = error;
  }
  const reason = messageOf(firstError);
  // DuckDB's words when another process (a second Data Lab) has the file open: its file is fine.
  if (reason.includes('Could not set lock')) throw firstError;
  await open(':memory:').then(
    (instance) => instance.closeSync(),
    () => Promise.reject(firstError instanceof Error ? firstError : new Error(reason)),
  );
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const setAside: SetAside[] = [];
  const wal = `${databaseFile}.wal`;
  if (await exists(wal)) {
    setAside.push(await moveAside(wal, stamp, reason));
    try {
      return { instance: await open(databaseFile), setAside };
    } catch {
      // The database file itself is bad too.
    }
  }
  if (await exists(databaseFile)) setAside.push(await moveAside(databaseFile, stamp, reason));
  return { instance: await open(databaseFile), setAside };
}

async function moveAside(file: string, stamp: string, reason: string): Promise<SetAside> {
  const { dir, base } = path.parse(file);
  const target = path.join(dir, `${base}.set-aside-${stamp}`);
  await rename(file, target);
  return { file: target, reason };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
