/**
 * Why a CSV file cannot be read as a table, found by reading its first lines. DuckDB's sniffer does
 * not fail on a ragged or badly quoted file: it falls back to reading every line as one text column,
 * which silently turns the user's table into one column of raw lines. When the sniffer's answer
 * looks like that fallback, this finds the line that broke it so the user can be told.
 */
export type CsvProblem =
  | { kind: 'ragged'; line: number; found: number; expected: number }
  | { kind: 'unclosedQuote'; line: number };

const delimiterCandidates = [',', ';', '\t', '|'];

/** The delimiter the header line most likely uses, or null when it has none of the usual ones. */
export function likelyDelimiter(headerLine: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const candidate of delimiterCandidates) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Reads `text` (the start of a file, or all of it when `complete`) as CSV with `delimiter` and
 * double-quote quoting, and reports the first row whose field count differs from the header's, or a
 * quote that is never closed.
 */
export function diagnoseCsv(text: string, delimiter: string, complete: boolean): CsvProblem | null {
  let line = 1;
  let rowStartLine = 1;
  let fields = 1;
  let expected: number | null = null;
  let inQuotes = false;
  let quoteLine = 0;
  let fieldStart = true;
  const endRow = (): CsvProblem | null => {
    if (expected === null) expected = fields;
    else if (fields !== expected) return { kind: 'ragged', line: rowStartLine, found: fields, expected };
    return null;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (ch === '\n') line++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      quoteLine = line;
      fieldStart = false;
    } else if (ch === delimiter) {
      fields++;
      fieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      const isBlank = fields === 1 && fieldStart && rowStartLine === line && (i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r');
      if (!isBlank) {
        const problem = endRow();
        if (problem) return problem;
      }
      line++;
      rowStartLine = line;
      fields = 1;
      fieldStart = true;
    } else {
      fieldStart = false;
    }
  }
  if (inQuotes) return complete ? { kind: 'unclosedQuote', line: quoteLine } : null;
  // The last row is checked only when it is known to be whole.
  if (complete && !(fields === 1 && fieldStart)) return endRow();
  return null;
}
