/**
 * A result as text for the clipboard: CSV (RFC 4180 quoting), TSV (fields with tabs, newlines or
 * quotes quoted the same way, which spreadsheets accept on paste) and a GitHub-flavoured Markdown
 * table. Cells arrive as the grid shows them; `null` is SQL NULL (an empty field, or *NULL* in Markdown).
 */
export type ResultTextFormat = 'csv' | 'tsv' | 'markdown';

export type TextCell = string | null;

export function delimitedField(value: TextCell, delimiter: string): string {
  if (value === null) return '';
  const needsQuotes = value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r');
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

function markdownCell(value: TextCell): string {
  // Italic, as the grid shows it, so SQL NULL stays apart from the text 'NULL'.
  if (value === null) return '*NULL*';
  // Pipes end a cell and line breaks end a row in Markdown: escape the one, turn the other into <br>.
  return value.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
}

export function resultAsText(format: ResultTextFormat, header: readonly string[], rows: Iterable<readonly TextCell[]>): string {
  const lines: string[] = [];
  if (format === 'markdown') {
    lines.push(`| ${header.map(markdownCell).join(' | ')} |`);
    lines.push(`| ${header.map(() => '---').join(' | ')} |`);
    for (const row of rows) lines.push(`| ${row.map(markdownCell).join(' | ')} |`);
    return `${lines.join('\n')}\n`;
  }
  const delimiter = format === 'csv' ? ',' : '\t';
  lines.push(header.map((name) => delimitedField(name, delimiter)).join(delimiter));
  for (const row of rows) lines.push(row.map((cell) => delimitedField(cell, delimiter)).join(delimiter));
  // CRLF is what RFC 4180 and spreadsheets expect between records.
  return `${lines.join('\r\n')}\r\n`;
}
