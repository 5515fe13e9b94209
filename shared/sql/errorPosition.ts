/**
 * Where in a statement DuckDB says an error happened, read from the context it appends to the
 * message. Parser errors also carry the position as a field (duckdb-wasm's JSON), but binder and
 * catalog errors (`Referenced column "nmae" not found…`, `Did you mean "airports"?`) reach both
 * engines only as formatted text, which ends with the statement's line and a caret under the spot:
 *
 *     LINE 2: SELECT x FROM airports
 *                    ^
 *
 * DuckDB (QueryErrorContext::Format) shows at most 40 columns of render width either side of the
 * spot, marking a cut with `...`, and places the caret by render width (a wide character takes two
 * columns). This reverses that: the line number finds the line, the shown text finds where the cut
 * begins, and the caret's column is walked back to a character.
 */
export function contextErrorOffset(sql: string, message: string): number | null {
  const context = /\nLINE (\d+): ([^\n]*)\n( *)\^/.exec(message);
  if (!context) return null;
  const lineNumber = Number(context[1]);
  let shown = context[2] ?? '';
  const caretColumn = (context[3] ?? '').length - `LINE ${lineNumber}: `.length;

  // DuckDB counts both \n and \r as line ends.
  let lineStart = 0;
  for (let line = 1; line < lineNumber; line++) {
    const next = sql.slice(lineStart).search(/[\n\r]/);
    if (next < 0) return null;
    lineStart += next + 1;
  }
  const lineEnd = sql.slice(lineStart).search(/[\n\r]/);
  const lineText = lineEnd < 0 ? sql.slice(lineStart) : sql.slice(lineStart, lineStart + lineEnd);

  let column = caretColumn;
  const cutAtStart = shown.startsWith('...');
  if (cutAtStart) {
    shown = shown.slice(3);
    column -= 3;
  }
  if (shown.endsWith('...') && !lineText.endsWith(shown)) shown = shown.slice(0, -3);
  const shownStart = cutAtStart ? lineText.indexOf(shown) : lineText.startsWith(shown) ? 0 : -1;
  if (shownStart < 0 || column < 0) return null;

  let width = 0;
  let offset = shownStart;
  for (const { segment } of graphemes(lineText.slice(shownStart))) {
    if (width >= column) break;
    width += renderWidth(segment);
    offset += segment.length;
  }
  return lineStart + offset;
}

/** The UTF-8 byte offset of a character offset: engines report positions in bytes. */
export function utf8ByteOffset(text: string, charOffset: number): number {
  return new TextEncoder().encode(text.slice(0, charOffset)).length;
}

function graphemes(text: string): Iterable<{ segment: string }> {
  return new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text);
}

/** Columns a grapheme takes in a terminal: two for East Asian wide and full-width characters. */
function renderWidth(grapheme: string): number {
  const code = grapheme.codePointAt(0) ?? 0;
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}
