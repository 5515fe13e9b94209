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
};

/** Formats the main side converts with native DuckDB before the in-app engine can load them. */
export function needsNativeReader(format: DatasetFormat): boolean {
  return format === 'parquet' || format === 'json';
}

/** The format a file is opened as, from its name; null when the workbench cannot open it yet. */
export function formatForFileName(fileName: string): DatasetFormat | null {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return null;
  return formatByExtension[fileName.slice(dot + 1).toLowerCase()] ?? null;
}

export const openableExtensions = Object.keys(formatByExtension);
