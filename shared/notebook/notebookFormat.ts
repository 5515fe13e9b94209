/**
 * A notebook is a Markdown file. Top-level fenced blocks whose info string starts with `sql` are
 * SQL cells (Evidence's convention: the next word names the cell's result, then `key=value`
 * options); `vega-lite` fences are charts; everything between them is Markdown, kept as it is.
 *
 * The file is read with a real Markdown parser (micromark, through mdast-util-from-markdown, with
 * GFM) and only its source positions are used: the cells tile the text exactly, each keeping the
 * bytes it came from. Saving writes a cell's original bytes back unless that cell was changed, so
 * a notebook opened and saved is byte for byte the same, and an edit touches only its own lines.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Code } from 'mdast';
import { decodeUtf8Text } from '../text/utf8Text';

export type CellOptions = readonly (readonly [key: string, value: string])[];

interface CellBase {
  /** Stable for as long as the notebook is open; not written to the file. */
  readonly id: string;
  /** The bytes the cell was read from (null for a cell made since): written back while the cell is unchanged. */
  readonly original: OriginalText | null;
}

interface OriginalText {
  readonly raw: string;
  /** The cell's fields as read, to tell whether it has changed since. */
  readonly fingerprint: string;
  /** A fenced cell's opening and closing lines as written (line endings included), reused when only its body changes. */
  readonly fences?: { readonly opening: string; readonly closing: string; readonly info: string; readonly fence: Fence };
}

interface Fence {
  readonly char: string;
  readonly length: number;
}

export interface MarkdownCell extends CellBase {
  readonly kind: 'markdown';
  /** The Markdown, line endings included, exactly as in the file. */
  readonly text: string;
}

export interface SqlCell extends CellBase {
  readonly kind: 'sql';
  /** The result's name (the word after `sql`), or null for a cell whose result no other cell reads. */
  readonly name: string | null;
  readonly options: CellOptions;
  /** The SQL between the fences (without the last line ending). */
  readonly text: string;
}

export interface ChartCell extends CellBase {
  readonly kind: 'chart';
  readonly options: CellOptions;
  /** The Vega-Lite spec as written (JSON). */
  readonly text: string;
}

export type NotebookCell = MarkdownCell | SqlCell | ChartCell;

/** What is wrong with the file at one line; the text itself is kept (in a Markdown cell). */
export interface NotebookProblem {
  readonly line: number;
  readonly key: 'notebook.unterminatedFence' | 'notebook.badCellName' | 'notebook.badCellOption';
  readonly params: Record<string, string | number>;
}

export interface Notebook {
  readonly cells: readonly NotebookCell[];
  /** The file began with a UTF-8 byte order mark. */
  readonly bom: boolean;
  /** The line ending new lines are written with: the file's first. */
  readonly eol: '\n' | '\r\n';
  readonly problems: readonly NotebookProblem[];
}

/** Why a file cannot be opened as a notebook at all (nothing has been changed). */
export class NotebookReadError extends Error {
  constructor(
    readonly key: 'notebook.notText' | 'notebook.tooLarge',
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'NotebookReadError';
  }
}

/** Larger than any notebook a person writes; past it the file is something else. */
export const maxNotebookBytes = 64 * 2 ** 20;

/** A cell name is an SQL identifier DuckDB takes unquoted: letters (any script), digits, underscores. */
const cellNamePattern = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export function isValidCellName(name: string): boolean {
  return cellNamePattern.test(name);
}

let idCounter = 0;
/** A fresh cell id (unique within this process). */
export function newCellId(): string {
  idCounter += 1;
  return `cell-${idCounter}`;
}

/**
 * Decodes a file's bytes: UTF-8 only, with or without a byte order mark. Binary content (NUL
 * bytes, invalid UTF-8) is refused with a message rather than opened as garbage that a save would
 * then write back damaged.
 */
export function decodeNotebookBytes(bytes: Uint8Array): { text: string; bom: boolean } {
  if (bytes.length > maxNotebookBytes) throw new NotebookReadError('notebook.tooLarge', { limit: maxNotebookBytes });
  const decoded = decodeUtf8Text(bytes);
  if (!decoded) throw new NotebookReadError('notebook.notText');
  return decoded;
}

export function encodeNotebook(notebook: Notebook): Uint8Array {
  const text = serializeNotebook(notebook);
  const body = new TextEncoder().encode(text);
  if (!notebook.bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

/** Parses a notebook's text (already decoded, without its byte order mark). */
export function parseNotebook(text: string, options: { bom?: boolean } = {}): Notebook {
  const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const eol = firstLineEnding(text);
  const cells: NotebookCell[] = [];
  const problems: NotebookProblem[] = [];
  let cursor = 0;
  const pushMarkdown = (end: number): void => {
    if (end > cursor) cells.push(markdownCell(text.slice(cursor, end)));
    cursor = end;
  };
  for (const node of tree.children) {
    if (node.type !== 'code' || !node.position) continue;
    const kind = cellKindOf(node.lang);
    if (!kind) continue;
    const start = lineStart(text, node.position.start.offset ?? 0);
    const end = lineEnd(text, node.position.end.offset ?? text.length);
    const raw = text.slice(start, end);
    const lines = splitLines(raw);
    const opening = lines[0]!;
    const fence = fenceOf(opening.text);
    const line = node.position.start.line;
    const closing = lines.length > 1 ? lines[lines.length - 1]! : null;
    if (!fence || !closing || !isClosingFence(closing.text, fence)) {
      // The parser runs an unterminated fence to the end of the file: keep it all as Markdown.
      problems.push({ line, key: 'notebook.unterminatedFence', params: { line } });
      continue;
    }
    const info = parseInfo(node, kind, line, problems);
    const body = lines
      .slice(1, -1)
      .map((l, i, all) => l.text + (i < all.length - 1 ? l.eol : ''))
      .join('');
    pushMarkdown(start);
    const cell: NotebookCell =
      kind === 'sql'
        ? { kind, id: newCellId(), name: info.name, options: info.options, text: body, original: null }
        : { kind, id: newCellId(), options: info.options, text: body, original: null };
    const fences = { opening: opening.text + opening.eol, closing: closing.text + closing.eol, info: infoFingerprint(cell), fence };
    cells.push({ ...cell, original: { raw, fingerprint: fingerprintOf(cell), fences } });
    cursor = end;
  }
  pushMarkdown(text.length);
  return { cells, bom: options.bom ?? false, eol, problems };
}

/** Reads a notebook file's bytes. */
export function readNotebook(bytes: Uint8Array): Notebook {
  const { text, bom } = decodeNotebookBytes(bytes);
  return parseNotebook(text, { bom });
}

/** The notebook's text: each unchanged cell's original bytes, changed and new cells written afresh. */
export function serializeNotebook(notebook: Notebook): string {
  let out = '';
  notebook.cells.forEach((cell) => {
    // A cell written after text with no final line ending would join that text's last line.
    if (out.length > 0 && !out.endsWith('\n')) out += notebook.eol;
    out += cellText(cell, notebook.eol);
  });
  return out;
}

function cellText(cell: NotebookCell, eol: string): string {
  if (cell.original && cell.original.fingerprint === fingerprintOf(cell)) return cell.original.raw;
  if (cell.kind === 'markdown') return cell.text;
  const body = cell.text.length > 0 ? cell.text.replace(/\r?\n/g, eol) + eol : '';
  // Only the body changed: the fences stay as written, unless the new body would close them early.
  const fences = cell.original?.fences;
  if (fences && fences.info === infoFingerprint(cell) && !splitLines(cell.text).some((line) => isClosingFence(line.text, fences.fence))) {
    return fences.opening + body + fences.closing;
  }
  const info = cell.kind === 'sql' ? ['sql', ...(cell.name ? [cell.name] : [])] : ['vega-lite'];
  for (const [key, value] of cell.options) info.push(`${key}=${value}`);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(cell.text) + 1));
  return `${fence}${info.join(' ')}${eol}${body}${fence}${eol}`;
}

function infoFingerprint(cell: SqlCell | ChartCell): string {
  return JSON.stringify([cell.kind === 'sql' ? cell.name : null, cell.options]);
}

function fingerprintOf(cell: NotebookCell): string {
  return JSON.stringify(cell.kind === 'markdown' ? [cell.kind, cell.text] : [cell.kind, cell.kind === 'sql' ? cell.name : null, cell.options, cell.text]);
}

function markdownCell(text: string): MarkdownCell {
  const cell: MarkdownCell = { kind: 'markdown', id: newCellId(), text, original: null };
  return { ...cell, original: { raw: text, fingerprint: fingerprintOf(cell) } };
}

/** A new cell, to insert with `withCells`; it is written out when the notebook is saved. */
export function createCell(kind: 'markdown', text: string): MarkdownCell;
export function createCell(kind: 'sql', text: string, name?: string | null, options?: CellOptions): SqlCell;
export function createCell(kind: 'chart', text: string, name?: null, options?: CellOptions): ChartCell;
export function createCell(kind: NotebookCell['kind'], text: string, name: string | null = null, options: CellOptions = []): NotebookCell {
  if (kind === 'markdown') return { kind, id: newCellId(), text, original: null };
  if (kind === 'sql') return { kind, id: newCellId(), name, options, text, original: null };
  return { kind, id: newCellId(), options, text, original: null };
}

/** The notebook with one cell changed (its original bytes are kept: reverting the edit restores them). */
export function withCellChanged<C extends NotebookCell>(notebook: Notebook, id: string, change: Partial<Omit<C, 'id' | 'kind' | 'original'>>): Notebook {
  return { ...notebook, cells: notebook.cells.map((cell) => (cell.id === id ? ({ ...cell, ...change } as NotebookCell) : cell)) };
}

export function withCells(notebook: Notebook, cells: readonly NotebookCell[]): Notebook {
  return { ...notebook, cells };
}

/** The notebook's SQL cells' `key=value` option, e.g. `hide=code`. */
export function cellOption(cell: SqlCell | ChartCell, key: string): string | undefined {
  return cell.options.find(([k]) => k === key)?.[1];
}

function cellKindOf(lang: string | null | undefined): 'sql' | 'chart' | null {
  if (lang === 'sql') return 'sql';
  if (lang === 'vega-lite') return 'chart';
  return null;
}

function parseInfo(node: Code, kind: 'sql' | 'chart', line: number, problems: NotebookProblem[]): { name: string | null; options: [string, string][] } {
  const words = (node.meta ?? '').split(/\s+/).filter((word) => word.length > 0);
  let name: string | null = null;
  const options: [string, string][] = [];
  words.forEach((word, index) => {
    const eq = word.indexOf('=');
    if (eq > 0) {
      options.push([word.slice(0, eq), word.slice(eq + 1)]);
    } else if (index === 0 && kind === 'sql' && isValidCellName(word)) {
      name = word;
    } else if (index === 0 && kind === 'sql') {
      problems.push({ line, key: 'notebook.badCellName', params: { line, name: word } });
    } else {
      problems.push({ line, key: 'notebook.badCellOption', params: { line, option: word } });
    }
  });
  return { name, options };
}

interface Line {
  text: string;
  eol: string;
}

function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < raw.length) {
    const nl = raw.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ text: raw.slice(start), eol: '' });
      break;
    }
    const cr = nl > start && raw[nl - 1] === '\r';
    lines.push({ text: raw.slice(start, cr ? nl - 1 : nl), eol: cr ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return lines;
}

function fenceOf(openingLine: string): Fence | null {
  const trimmed = openingLine.trimStart();
  const char = trimmed[0];
  if (char !== '`' && char !== '~') return null;
  let length = 0;
  while (trimmed[length] === char) length += 1;
  return length >= 3 ? { char, length } : null;
}

/** CommonMark: up to three spaces, the fence's character at least as many times, then only spaces or tabs. */
function isClosingFence(line: string, fence: Fence): boolean {
  const trimmed = line.trim();
  if (trimmed.length < fence.length) return false;
  for (const ch of trimmed) if (ch !== fence.char) return false;
  return true;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (const ch of text) {
    run = ch === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of the line holding `offset`, past its line ending. */
function lineEnd(text: string, offset: number): number {
  // A node ending at a line's very start (an unterminated fence) ends with the line before it.
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function firstLineEnding(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}
