import type * as duckdb from '@duckdb/duckdb-wasm';
import type { DatasetFormat } from '../../../../shared/contract/hostApi';
import { quoteLiteral } from '../../../../shared/sql/identifiers';

const numericTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/**
 * The read_csv options for a file. DuckDB's sniffer finds the delimiter, quoting, header and types
 * itself; what it cannot guess is a decimal comma, which French-locale spreadsheets write in
 * semicolon-separated files. For those, read both ways and keep the reading with more numbers.
 */
export async function csvReadOptions(
  connection: duckdb.AsyncDuckDBConnection,
  fileName: string,
  format: DatasetFormat,
): Promise<string> {
  if (format === 'tsv') return ", delim = '\\t'";
  const file = quoteLiteral(fileName);
  const sniffed = await connection.query(`SELECT Delimiter FROM sniff_csv(${file})`);
  if (String(sniffed.getChildAt(0)?.get(0)) !== ';') return '';
  const numericColumns = async (options: string): Promise<number> => {
    const described = await connection.query(`DESCRIBE SELECT * FROM read_csv(${file}${options})`).catch(() => null);
    const types = described?.getChild('column_type');
    if (!types) return -1;
    return Array.from({ length: types.length }, (_, i) => String(types.get(i))).filter((t) => numericTypes.test(t)).length;
  };
  const withComma = ", delim = ';', decimal_separator = ','";
  return (await numericColumns(withComma)) > (await numericColumns(", delim = ';'")) ? withComma : '';
}
