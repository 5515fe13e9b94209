import type { DatasetFormat } from '../../../shared/contract/hostApi';
import { csvRelationSql, diagnoseCsvDialect } from '../../../shared/formats/csvDialect';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { readCsvSample } from './csvSample';

/**
 * The table function that reads a file of each format in place. CSV and JSON may be gzipped
 * (DuckDB tells from the extension). Arrow IPC has no reader in this DuckDB build (that is the
 * `arrow` extension, which cannot be installed offline), so it is imported instead (arrowImport.ts);
 * DuckDB database files are attached (attachedDatabases.ts).
 *
 * A CSV's dialect (decimal comma, thousands separators) is read from its first bytes by the same
 * function the in-app engine uses (shared/formats/csvDialect.ts), so both engines read it alike.
 */
export async function readerSql(filePath: string, format: Exclude<DatasetFormat, 'arrow' | 'duckdb'>): Promise<string> {
  const file = quoteLiteral(filePath);
  switch (format) {
    case 'csv':
    case 'tsv':
      return csvRelationSql(filePath, format, diagnoseCsvDialect(await readCsvSample(filePath), format));
    case 'parquet':
      return `read_parquet(${file})`;
    case 'json':
      return `read_json(${file})`;
  }
}
