import type * as duckdb from '@duckdb/duckdb-wasm';
import type { DatasetFormat } from '../../../../shared/contract/hostApi';
import { diagnoseCsv, likelyDelimiter, type CsvProblem } from '../../../../shared/formats/csvDiagnosis';
import { quoteLiteral } from '../../../../shared/sql/identifiers';

const numericTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL)/;
const sampleBytes = 1 << 20;

/** The start of a file, decoded, for checks the sniffer does not make. */
export interface CsvSample {
  text: string;
  /** True when the sample is the whole file. */
  complete: boolean;
}

export function csvSampleOf(bytes: Uint8Array): CsvSample {
  return {
    text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes.subarray(0, sampleBytes)),
    complete: bytes.length <= sampleBytes,
  };
}

/** A CSV that cannot be read as a table as it stands. */
export class CsvShapeError extends Error {
  constructor(readonly problem: CsvProblem) {
    super(problem.kind);
    this.name = 'CsvShapeError';
  }
}

/**
 * The read_csv options for a file. DuckDB's sniffer finds the delimiter, quoting, header and types
 * itself; what it cannot guess is a decimal comma, which French-locale spreadsheets write in
 * semicolon-separated files. For those, read both ways and keep the reading with more numbers.
 * When the sniffer's answer looks like its fallback for a malformed file (one column of raw lines,
 * or no quoting although the file has quotes), the file is checked and the problem reported.
 */
export async function csvReadOptions(
  connection: duckdb.AsyncDuckDBConnection,
  fileName: string,
  format: DatasetFormat,
  sample: CsvSample,
): Promise<string> {
  const file = quoteLiteral(fileName);
  const sniffed = await connection.query(`SELECT Delimiter, Quote, len(Columns) AS columns FROM sniff_csv(${file}${format === 'tsv' ? ", delim = '\\t'" : ''})`);
  const delimiter = String(sniffed.getChild('Delimiter')?.get(0));
  const quote = String(sniffed.getChild('Quote')?.get(0));
  const columns = Number(sniffed.getChild('columns')?.get(0));

  const header = sample.text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const fellBack = columns === 1 && likelyDelimiter(header) !== null;
  const quotesIgnored = quote === '(empty)' && sample.text.includes('"');
  if (fellBack || quotesIgnored) {
    const used = fellBack ? (likelyDelimiter(header) ?? delimiter) : delimiter;
    const problem = diagnoseCsv(sample.text.replace(/^\uFEFF/, ''), used, sample.complete);
    if (problem) throw new CsvShapeError(problem);
  }

  if (format === 'tsv') return ", delim = '\\t'";
  if (delimiter !== ';') return '';
  const numericColumns = async (options: string): Promise<number> => {
    const described = await connection.query(`DESCRIBE SELECT * FROM read_csv(${file}${options})`).catch(() => null);
    const types = described?.getChild('column_type');
    if (!types) return -1;
    return Array.from({ length: types.length }, (_, i) => String(types.get(i))).filter((t) => numericTypes.test(t)).length;
  };
  const withComma = ", delim = ';', decimal_separator = ','";
  return (await numericColumns(withComma)) > (await numericColumns(", delim = ';'")) ? withComma : '';
}
