import type { DatasetFormat } from './hostApi';

const formatByExtension: Readonly<Record<string, DatasetFormat>> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  arrow: 'arrow',
  arrows: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  parquet: 'parquet',
  pq: 'parquet',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
  // Not `.db`: SQLite files use it too, and this DuckDB build cannot read them.
  duckdb: 'duckdb',
  ddb: 'duckdb',
};

/** Formats the main side converts with native DuckDB before the in-app engine can load them. */
export function needsNativeReader(format: DatasetFormat): boolean {
  return format === 'parquet' || format === 'json';
}

/** Text formats DuckDB also reads gzipped (`.csv.gz`, `.json.gz`…), telling by the name. */
const gzippable: ReadonlySet<DatasetFormat> = new Set(['csv', 'tsv', 'json']);

/** Formats only the native engine opens (a DuckDB database file is attached, not loaded). */
export function nativeOnly(format: DatasetFormat): boolean {
  return format === 'duckdb';
}

/** True for a gzipped text file, which only the native engine reads (in place). */
export function isGzipped(fileName: string): boolean {
  return /\.gz$/i.test(fileName);
}

/** The format a file is opened as, from its name; null when the workbench cannot open it yet. */
export function formatForFileName(fileName: string): DatasetFormat | null {
  const gz = isGzipped(fileName);
  const name = gz ? fileName.slice(0, -3) : fileName;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = formatByExtension[name.slice(dot + 1).toLowerCase()] ?? null;
  return format && gz && !gzippable.has(format) ? null : format;
}

export const openableExtensions = [...Object.keys(formatByExtension), 'gz'];
