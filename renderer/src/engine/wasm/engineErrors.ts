import { EngineError } from '../engine';

/**
 * Turns DuckDB's error text into an EngineError. DuckDB ends a message with the offending line and
 * a caret under the spot (`LINE 2:   2 form t` / `        ^`); that gives the position in the statement.
 */
export function engineErrorOf(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const match = /\nLINE (\d+): ([^\n]*)\n( *)\^/.exec(message);
  let position: EngineError['position'] = null;
  if (match) {
    const [, lineText = '1', , caretIndent = ''] = match;
    const prefixLength = `LINE ${lineText}: `.length;
    position = { line: Number(lineText), column: Math.max(1, caretIndent.length - prefixLength + 1) };
  }
  const firstContext = message.indexOf('\n\nLINE ');
  const text = (firstContext >= 0 ? message.slice(0, firstContext) : message).trim();
  return new EngineError(text, position);
}

/** The first paragraph of an engine message: what a user reads first; the rest is detail. */
export function headline(message: string): string {
  const end = message.indexOf('\n\n');
  return end >= 0 ? message.slice(0, end) : message;
}
