import type { DatasetFormat } from '../../../shared/contract/hostApi';
import { quoteLiteral } from '../../../shared/sql/identifiers';

/**
 * The table function that reads a file of each format in place. CSV and JSON may be gzipped
 * (DuckDB tells from the extension). Arrow IPC has no reader in this DuckDB build (that is the
 * `arrow` extension, which cannot be installed offline), so it is imported instead (arrowImport.ts);
 * DuckDB database files are attached (attachedDatabases.ts).
 */
export function readerSql(filePath: string, format: Exclude<DatasetFormat, 'arrow' | 'duckdb'>): string {
  const file = quoteLiteral(filePath);
  switch (format) {
    case 'csv':
      return `read_csv(${file})`;
    case 'tsv':
      return `read_csv(${file}, delim = '\\t')`;
    case 'parquet':
      return `read_parquet(${file})`;
    case 'json':
      return `read_json(${file})`;
  }
}
