/**
 * DuckDB's type names (`DESCRIBE`'s `column_type`) read into a tree: which types nest which.
 *
 * Only the shape is read. A type with parameters that are not types (DECIMAL(18,3), ENUM('a', 'b'),
 * VARCHAR COLLATE nocase, TIMESTAMP WITH TIME ZONE) is one leaf named by its whole text.
 */
export type DuckdbTypeTree =
  | { kind: 'leaf'; name: string }
  | { kind: 'list'; element: DuckdbTypeTree }
  | { kind: 'array'; element: DuckdbTypeTree; size: number }
  | { kind: 'struct'; fields: { name: string; type: DuckdbTypeTree }[] }
  | { kind: 'union'; members: { name: string; type: DuckdbTypeTree }[] }
  | { kind: 'map'; key: DuckdbTypeTree; value: DuckdbTypeTree };

class TypeNameReader {
  private at = 0;
  constructor(private readonly text: string) {}

  read(): DuckdbTypeTree {
    const type = this.type();
    this.space();
    if (this.at !== this.text.length) throw new Error(`Unexpected text in type name at ${this.at}: ${this.text}`);
    return type;
  }

  private type(): DuckdbTypeTree {
    this.space();
    let type = this.base();
    for (;;) {
      this.space();
      if (this.text[this.at] !== '[') return type;
      const close = this.text.indexOf(']', this.at);
      if (close < 0) throw new Error(`Unclosed [ in type name: ${this.text}`);
      const size = this.text.slice(this.at + 1, close).trim();
      this.at = close + 1;
      type = size === '' ? { kind: 'list', element: type } : { kind: 'array', element: type, size: Number(size) };
    }
  }

  private base(): DuckdbTypeTree {
    const start = this.at;
    const keyword = /^(STRUCT|UNION|MAP)\s*\(/i.exec(this.text.slice(start));
    if (keyword) {
      this.at += keyword[0].length;
      const kind = keyword[1]!.toUpperCase();
      if (kind === 'MAP') {
        const key = this.type();
        this.expect(',');
        const value = this.type();
        this.expect(')');
        return { kind: 'map', key, value };
      }
      const fields: { name: string; type: DuckdbTypeTree }[] = [];
      do {
        fields.push({ name: this.fieldName(), type: this.type() });
        this.space();
      } while (this.text[this.at++] === ',');
      if (this.text[this.at - 1] !== ')') throw new Error(`Expected ) in type name: ${this.text}`);
      return kind === 'STRUCT' ? { kind: 'struct', fields } : { kind: 'union', members: fields };
    }
    // A leaf: up to the next separator outside parentheses and quotes.
    let depth = 0;
    while (this.at < this.text.length) {
      const char = this.text[this.at]!;
      if (char === "'" || char === '"') {
        this.skipQuoted(char);
        continue;
      }
      if (char === '(') depth++;
      else if (char === ')') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (char === ',' || char === '[')) break;
      this.at++;
    }
    const name = this.text.slice(start, this.at).trim();
    if (name === '') throw new Error(`Missing type in type name: ${this.text}`);
    return { kind: 'leaf', name };
  }

  private fieldName(): string {
    this.space();
    const char = this.text[this.at];
    if (char === '"') {
      const start = this.at;
      this.skipQuoted('"');
      return this.text.slice(start + 1, this.at - 1).replaceAll('""', '"');
    }
    const word = /^[^\s,()"]+/.exec(this.text.slice(this.at));
    if (!word) throw new Error(`Missing field name in type name: ${this.text}`);
    this.at += word[0].length;
    return word[0];
  }

  /** Past a quoted text starting at the current position; a doubled quote stays inside. */
  private skipQuoted(quote: string): void {
    this.at++;
    while (this.at < this.text.length) {
      if (this.text[this.at] === quote) {
        if (this.text[this.at + 1] === quote) this.at += 2;
        else {
          this.at++;
          return;
        }
      } else this.at++;
    }
    throw new Error(`Unclosed quote in type name: ${this.text}`);
  }

  private expect(char: string): void {
    this.space();
    if (this.text[this.at] !== char) throw new Error(`Expected ${char} in type name: ${this.text}`);
    this.at++;
  }

  private space(): void {
    while (this.text[this.at] === ' ') this.at++;
  }
}

/** The tree of a DuckDB type name; throws on text that is not one. */
export function duckdbTypeTree(typeName: string): DuckdbTypeTree {
  return new TypeNameReader(typeName).read();
}

/** A query naming each column's DuckDB type (`column_type`), in order, of `relation` (a table's name or `statementAsRelation`). */
export function typeNamesSql(relation: string): string {
  return `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${relation})`;
}
