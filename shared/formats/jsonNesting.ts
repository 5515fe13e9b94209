/**
 * How deeply a JSON text nests arrays and objects, measured on its bytes as they stream past,
 * before any JSON reader sees them. DuckDB's `read_json` recurses once per level and crashes its
 * whole process (a stack overflow, SIGSEGV) on `[`×10000 `]`×10000, a 20 KB file; past a few
 * thousand levels its result types also overflow the JavaScript stack. Real data nests a few
 * levels deep (GeoJSON: about six), so a file past the limit is refused with a message instead.
 */

/** The deepest nesting the workbench reads: far above real data, far below DuckDB's crash (measured between 5,000 and 10,000 levels). */
export const maxJsonNesting = 256;

const quote = 0x22;
const backslash = 0x5c;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const openBrace = 0x7b;
const closeBrace = 0x7d;

/**
 * Feeds chunks of a JSON (or newline-delimited JSON) text and tracks its nesting depth. Brackets
 * inside strings do not count; a backslash escapes the next byte of a string. Bytes of multi-byte
 * UTF-8 characters are never quotes, brackets or backslashes, so reading bytes is exact.
 */
export class JsonNestingScan {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The deepest level seen so far. */
  deepest = 0;

  /** Scans one chunk; returns false as soon as the depth passes `limit` (the rest need not be read). */
  feed(chunk: Uint8Array, limit: number = maxJsonNesting): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === backslash) this.escaped = true;
        else if (byte === quote) this.inString = false;
        continue;
      }
      if (byte === quote) this.inString = true;
      else if (byte === openBracket || byte === openBrace) {
        this.depth++;
        if (this.depth > this.deepest) {
          this.deepest = this.depth;
          if (this.deepest > limit) return false;
        }
      } else if ((byte === closeBracket || byte === closeBrace) && this.depth > 0) this.depth--;
    }
    return true;
  }
}
