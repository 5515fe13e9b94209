/**
 * The folder DuckDB spills to past its memory limit. DuckDB removes its temporary files when a
 * query ends and when a database closes; a process that crashed, or was killed, leaves them
 * behind, so the host empties the folder at start, before any DuckDB runs. While a query runs the
 * page asks the folder's size, to say that the engine is spilling and how much.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** The bytes in the spill folder now (0 when it does not exist). Files that vanish while counted are skipped. */
export async function spillFolderBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isFile()) total += (await stat(full).catch(() => null))?.size ?? 0;
    else if (entry.isDirectory()) total += await spillFolderBytes(full);
  }
  return total;
}

/** Removes what a previous run left in the spill folder. Only to be called before any DuckDB database uses it. */
export async function emptySpillFolder(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => []);
  await Promise.all(entries.map((name) => rm(path.join(dir, name), { recursive: true, force: true }).catch(() => undefined)));
}
