/**
 * How the in-app engine (duckdb-wasm) makes a table of a CSV or TSV file whose bytes it holds.
 * The table is read as shared/formats/csvDialect.ts says, the same reading the native engine's view
 * of the file uses. Plain TypeScript over a minimal connection, so the parity test
 * (test/unit/parity/csvCorpusParity.test.ts) runs this very function on duckdb-wasm in Node.
 */
import { diagnoseCsv, likelyDelimiter, type CsvProblem } from '../formats/csvDiagnosis';
import { csvRelationSql, diagnoseCsvDialect, type CsvSample } from '../formats/csvDialect';
import { quoteIdentifier, quoteLiteral } from '../sql/identifiers';

/** What this needs of a duckdb-wasm connection: a query whose result's columns are read by name. */
export interface CsvLoadConnection {
  query(sql: string): Promise<{ getChild(name: string): { get(index: number): unknown } | null }>;
}

/** A CSV that cannot be read as a table as it stands. */
export class CsvShapeError extends Error {
  constructor(readonly problem: CsvProblem) {
    super(problem.kind);
    this.name = 'CsvShapeError';
  }
}

/**
 * Creates `table` from the registered file `fileName`. When DuckDB's sniffer answers as it does for
 * a malformed file (one column of raw lines, or no quoting although the file has quotes), the file
 * is checked and its problem reported instead of a table of raw lines.
 */
export async function createCsvTable(
  connection: CsvLoadConnection,
  table: string,
  fileName: string,
  format: 'csv' | 'tsv',
  sample: CsvSample,
): Promise<void> {
  const file = quoteLiteral(fileName);
  const sniffed = await connection.query(`SELECT Delimiter, Quote, len(Columns) AS columns FROM sniff_csv(${file}${format === 'tsv' ? ", delim = '\\t'" : ''})`);
  const delimiter = String(sniffed.getChild('Delimiter')?.get(0));
  const quote = String(sniffed.getChild('Quote')?.get(0));
  const columns = Number(sniffed.getChild('columns')?.get(0));

  const text = sample.text.replace(/^\uFEFF/, '');
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const fellBack = columns === 1 && likelyDelimiter(header) !== null;
  const quotesIgnored = quote === '(empty)' && text.includes('"');
  if (fellBack || quotesIgnored) {
    const used = fellBack ? (likelyDelimiter(header) ?? delimiter) : delimiter;
    const problem = diagnoseCsv(text, used, sample.complete);
    if (problem) throw new CsvShapeError(problem);
  }

  const relation = csvRelationSql(fileName, format, diagnoseCsvDialect(sample, format));
  await connection.query(`CREATE TABLE ${quoteIdentifier(table)} AS SELECT * FROM ${relation}`);
}
