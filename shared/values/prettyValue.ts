/**
 * A value laid out for reading in full (the results' value viewer): JSON indented, and DuckDB's
 * text of a LIST, ARRAY, STRUCT, MAP or UNION broken over lines by its brackets. The text is
 * DuckDB's own (cellFormat.ts): strings inside a nested value are single-quoted when needed, with
 * `\'` and `\\` escapes; the delimiters are `[] {} () , : =`. Only the spacing between elements
 * changes, never the text inside a quoted string.
 */

export interface PrettyValue {
  text: string;
  /** How it was laid out: as JSON, as DuckDB's nested text, or as it was. */
  layout: 'json' | 'nested' | 'plain';
}

/** A bracketed group shorter than this stays on one line (`{'x': 1, 'y': 2}`). */
const inlineWidth = 60;
const indentUnit = '  ';

/** DuckDB's nested type names: `INTEGER[]`, `INTEGER[3]`, `STRUCT(…)`, `MAP(…)`, `UNION(…)`. */
const nestedTypeName = /(?:\[\d*\]$)|^(?:STRUCT|MAP|UNION)\(/;

export function prettyValue(text: string, typeName: string): PrettyValue {
  if (nestedTypeName.test(typeName)) {
    const nested = prettyNested(text);
    if (nested !== null) return { text: nested, layout: 'nested' };
  }
  // JSON values, and text that holds a JSON object or array (an API's response kept as VARCHAR).
  if (typeName === 'JSON' || /^\s*[[{]/.test(text)) {
    const json = prettyJson(text);
    if (json !== null) return { text: json, layout: 'json' };
  }
  return { text, layout: 'plain' };
}

function prettyJson(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    // Only objects and arrays gain from a layout; a JSON string or number reads best as it is.
    return typeof parsed === 'object' && parsed !== null ? JSON.stringify(parsed, null, 2) : null;
  } catch {
    return null;
  }
}

type Part = string | Group;
interface Group {
  open: string;
  close: string;
  /** The elements between commas, each a run of text and groups (`'key': {…}`). */
  elements: Part[][];
}

const closing: Record<string, string> = { '[': ']', '{': '}', '(': ')' };

/** DuckDB's nested text broken over lines; null if its brackets or quotes do not balance. */
export function prettyNested(text: string): string | null {
  const root: Group = { open: '', close: '', elements: [[]] };
  const stack: Group[] = [root];
  let i = 0;
  while (i < text.length) {
    const group = stack[stack.length - 1]!;
    const element = group.elements[group.elements.length - 1]!;
    const ch = text[i]!;
    if (ch === "'") {
      // A quoted string, copied whole: brackets and commas inside it are text.
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return null;
      appendText(element, text.slice(i, j + 1));
      i = j + 1;
    } else if (ch in closing) {
      const child: Group = { open: ch, close: closing[ch]!, elements: [[]] };
      element.push(child);
      stack.push(child);
      i++;
    } else if (ch === ']' || ch === '}' || ch === ')') {
      if (stack.length === 1 || group.close !== ch) return null;
      stack.pop();
      i++;
    } else if (ch === ',' && stack.length > 1) {
      group.elements.push([]);
      // The space DuckDB writes after a comma gives way to a line break or is written again.
      i += text[i + 1] === ' ' ? 2 : 1;
    } else {
      appendText(element, ch);
      i++;
    }
  }
  if (stack.length !== 1) return null;
  return render(root.elements[0] ?? [], '');
}

function appendText(element: Part[], text: string): void {
  const last = element[element.length - 1];
  if (typeof last === 'string') element[element.length - 1] = last + text;
  else element.push(text);
}

function flat(parts: readonly Part[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : flatGroup(part))).join('');
}

function flatGroup(group: Group): string {
  return group.open + group.elements.map(flat).join(', ') + group.close;
}

function render(parts: readonly Part[], indent: string): string {
  return parts.map((part) => (typeof part === 'string' ? part : renderGroup(part, indent))).join('');
}

function renderGroup(group: Group, indent: string): string {
  const inline = flatGroup(group);
  const empty = group.elements.length === 1 && group.elements[0]!.length === 0;
  if (empty || inline.length <= inlineWidth) return inline;
  const inner = indent + indentUnit;
  return `${group.open}\n${group.elements.map((element) => inner + render(element, inner)).join(',\n')}\n${indent}${group.close}`;
}
