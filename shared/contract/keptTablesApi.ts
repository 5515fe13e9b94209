/**
 * Tables the user made with SQL on the in-app engine live in the page's memory: a reload loses
 * them. Keeping one writes it on the main side, in the workbench's own data folder, as Parquet
 * written by native DuckDB from the table's Arrow rows (the typed route of exports, so every type
 * that route keeps is kept). A kept table is then a file of the workspace like any opened file:
 * it comes back, under its name, after a reload or a restart, on either engine.
 */
import { z } from 'zod';

/** The folder of the data folder that holds kept tables, one Parquet file each. */
export const keptTablesFolder = 'kept-tables';

export const KeepTableBody = z.object({
  /** The table's name in the engine: the name it comes back under. */
  table: z.string().min(1).max(128),
  /** The table's rows, uploaded as an Arrow IPC stream (POST /api/exports/staged). */
  stagedId: z.string().regex(/^[a-f0-9-]{36}$/),
});
export type KeepTableBody = z.infer<typeof KeepTableBody>;

export const KeptTableIdParam = z.object({ id: z.string().min(1).max(64) });

/**
 * The file name a kept table is written under: its name where every character is safe in a file
 * name on every system, else the safe part and a hash of the name (two names never share a file).
 */
export function keptTableFileName(table: string): string {
  const safe = table.replace(/[^\p{L}\p{N}_-]/gu, '_').slice(0, 80);
  if (safe === table) return `${safe}.parquet`;
  return `${safe}-${nameHash(table)}.parquet`;
}

/** FNV-1a over the name's UTF-16 units, as 8 hex digits: short, stable, the same on both sides. */
function nameHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Types a kept file (Parquet written by DuckDB) would give back as another type: HUGEINT and
 * UHUGEINT as DOUBLE, ENUM, BIT and BIGNUM as VARCHAR, TIMESTAMP_S and TIMESTAMP_MS as TIMESTAMP,
 * a fixed-size ARRAY as a LIST, a UNION as a STRUCT (checked with DuckDB 1.4). A table with such a
 * column is not kept rather than kept with other values; the user is told which columns.
 */
const retypedByParquet = /\bU?HUGEINT\b|\bBIT\b|\bBIGNUM\b|\bVARINT\b|\bTIMESTAMP_M?S\b|\bENUM\(|\bUNION\(|\[\d+\]/;

/** The columns whose type a kept file would not keep, in order. */
export function columnsRetypedByKeeping(columns: readonly { name: string; type: string }[]): string[] {
  return columns.filter((column) => retypedByParquet.test(column.type)).map((column) => column.name);
}
