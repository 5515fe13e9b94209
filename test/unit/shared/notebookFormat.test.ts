import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createCell,
  encodeNotebook,
  NotebookReadError,
  parseNotebook,
  readNotebook,
  serializeNotebook,
  withCellChanged,
  withCells,
  type SqlCell,
} from '../../../shared/notebook/notebookFormat';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = path.join(root, 'test', 'fixtures', 'notebooks');
const encoder = new TextEncoder();

/**
 * README files of well-known projects, as installed: real Markdown nobody wrote for this test
 * (fences, tables, HTML, badges, reference links, CRLF in some).
 */
const wellKnown = [
  'typescript', 'eslint', 'react', 'react-dom', 'zod', 'ajv', 'apache-arrow', 'vite', 'vitest', 'hono', 'yaml', 'yauzl', 'yazl',
  'dompurify', 'monaco-editor', 'sql-formatter', 'electron', 'micromark-extension-gfm', 'mdast-util-from-markdown', '@duckdb/node-api',
  '@duckdb/duckdb-wasm', '@playwright/test', 'acorn', 'chalk', 'debug', 'browserslist', 'zustand', 'intl-messageformat',
];

function readmeCorpus(): string[] {
  const modules = path.join(root, 'node_modules');
  return wellKnown.flatMap((name) => {
    const file = ['README.md', 'readme.md', 'Readme.md'].map((base) => path.join(modules, name, base)).find((candidate) => existsSync(candidate));
    return file ? [file] : [];
  });
}

describe('round trip', () => {
  const corpus = readmeCorpus();

  it('has a corpus of real README files, with fences and tables among them', () => {
    expect(corpus.length).toBeGreaterThan(20);
    const text = corpus.map((file) => readFileSync(file, 'utf8')).join('\n');
    for (const feature of ['```', '| ---', '<img', '\r\n']) expect(text.includes(feature), feature).toBe(true);
  });

  it('gives back every README file byte for byte, opened then saved', () => {
    for (const file of corpus) {
      const bytes = readFileSync(file);
      expect(Buffer.from(encodeNotebook(readNotebook(bytes))).equals(bytes), file).toBe(true);
    }
  });

  it('gives back the French and Arabic (BOM, CRLF, tabs) notebooks byte for byte', () => {
    for (const name of ['ventes.md', 'arabic-crlf.md']) {
      const bytes = readFileSync(path.join(fixtures, name));
      expect(Buffer.from(encodeNotebook(readNotebook(bytes))).equals(bytes), name).toBe(true);
    }
  });

  it('gives back files without a final line ending, with mixed line endings, and empty ones', () => {
    for (const text of ['', '```sql a\nSELECT 1\n```', 'x\r\n```sql a\nSELECT 1\r\n```\n\ny', '\n\n\n', '   ```sql a\n   SELECT 1\n   ```\n']) {
      expect(serializeNotebook(parseNotebook(text))).toBe(text);
    }
  });
});

describe('cells', () => {
  it('reads named SQL cells, options, charts and the Markdown between them', () => {
    const notebook = readNotebook(readFileSync(path.join(fixtures, 'ventes.md')));
    expect(notebook.cells.map((cell) => cell.kind)).toEqual(['markdown', 'sql', 'markdown', 'sql', 'markdown', 'chart', 'markdown']);
    const [ventes, parVille] = notebook.cells.filter((cell): cell is SqlCell => cell.kind === 'sql');
    expect(ventes!.name).toBe('ventes');
    expect(ventes!.text).toBe("SELECT * FROM read_csv('data/ventes.csv', delim = ';', decimal_separator = ',')");
    expect(parVille!.name).toBe('par_ville');
    expect(notebook.problems).toEqual([]);
  });

  it('reads Arabic names and options, keeps the BOM and CRLF', () => {
    const notebook = readNotebook(readFileSync(path.join(fixtures, 'arabic-crlf.md')));
    const sql = notebook.cells.filter((cell): cell is SqlCell => cell.kind === 'sql');
    expect(sql.map((cell) => [cell.name, cell.options])).toEqual([
      ['المبيعات', [['hide', 'code']]],
      [null, []],
    ]);
    expect(notebook.bom).toBe(true);
    expect(notebook.eol).toBe('\r\n');
  });

  it('leaves fences inside lists and quotes, and other languages, in the Markdown', () => {
    const text = '- item\n\n  ```sql a\n  SELECT 1\n  ```\n\n> ```sql b\n> SELECT 2\n> ```\n\n```python\nprint(1)\n```\n';
    const notebook = parseNotebook(text);
    expect(notebook.cells.map((cell) => cell.kind)).toEqual(['markdown']);
  });

  it('editing one cell changes only that cell’s lines', () => {
    const bytes = readFileSync(path.join(fixtures, 'arabic-crlf.md'));
    const notebook = readNotebook(bytes);
    const target = notebook.cells.find((cell) => cell.kind === 'sql' && cell.name === null)!;
    const edited = withCellChanged<SqlCell>(notebook, target.id, { text: 'SELECT *\nFROM المبيعات\nLIMIT 5' });
    const before = bytes.toString('utf8').split('\r\n');
    const after = Buffer.from(encodeNotebook(edited)).toString('utf8').split('\r\n');
    // Same BOM, same CRLF everywhere, and only the cell's body lines differ.
    expect(after[0]).toBe(before[0]);
    const changed = after.filter((line) => !before.includes(line));
    expect(changed).toEqual(['SELECT *', 'FROM المبيعات', 'LIMIT 5']);
    expect(after.slice(0, 10)).toEqual(before.slice(0, 10));
    expect(Buffer.from(encodeNotebook(edited)).toString('utf8')).not.toMatch(/[^\r]\n/);
    // Undoing the edit gives the original bytes back.
    const reverted = withCellChanged<SqlCell>(edited, target.id, { text: target.text });
    expect(Buffer.from(encodeNotebook(reverted)).equals(bytes)).toBe(true);
  });

  it('keeps the fences as written when only the body changes, and renames in the opening line only', () => {
    const text = 'intro\n\n~~~~sql a hide=code\nSELECT 1\n~~~~\n\nend\n';
    const notebook = parseNotebook(text);
    const cell = notebook.cells[1] as SqlCell;
    expect(serializeNotebook(withCellChanged<SqlCell>(notebook, cell.id, { text: 'SELECT 2' }))).toBe('intro\n\n~~~~sql a hide=code\nSELECT 2\n~~~~\n\nend\n');
    expect(serializeNotebook(withCellChanged<SqlCell>(notebook, cell.id, { name: 'b' }))).toBe('intro\n\n```sql b hide=code\nSELECT 1\n```\n\nend\n');
  });

  it('writes new cells with the file’s line ending, and a longer fence when the SQL holds one', () => {
    const notebook = parseNotebook('# T\r\n');
    const cells = [...notebook.cells, createCell('sql', "SELECT '```' AS fence", 'f'), createCell('markdown', 'after\r\n')];
    const text = serializeNotebook(withCells(notebook, cells));
    expect(text).toBe("# T\r\n````sql f\r\nSELECT '```' AS fence\r\n````\r\nafter\r\n");
    expect(parseNotebook(text).cells.map((cell) => cell.kind)).toEqual(['markdown', 'sql', 'markdown']);
  });

  it('never writes outputs into the file: a cell is its text and options only', () => {
    const notebook = parseNotebook('```sql a\nSELECT 1\n```\n');
    expect(Object.keys(notebook.cells[0]!).sort()).toEqual(['id', 'kind', 'name', 'options', 'original', 'text']);
  });
});

describe('bad input', () => {
  it('keeps an unterminated fence as Markdown, says on which line, and loses no text', () => {
    const text = '# T\n\n```sql a\nSELECT 1\n```\n\nmore\n\n```sql b\nSELECT 2\nFROM a\n';
    const notebook = parseNotebook(text);
    expect(notebook.problems).toEqual([{ line: 9, key: 'notebook.unterminatedFence', params: { line: 9 } }]);
    expect(notebook.cells.filter((cell) => cell.kind === 'sql').length).toBe(1);
    expect(serializeNotebook(notebook)).toBe(text);
  });

  it('reports a bad cell name and keeps the cell', () => {
    const notebook = parseNotebook('```sql 1abc\nSELECT 1\n```\n');
    expect(notebook.problems[0]).toMatchObject({ key: 'notebook.badCellName', params: { name: '1abc' } });
    expect(serializeNotebook(notebook)).toBe('```sql 1abc\nSELECT 1\n```\n');
  });

  it('opens a notebook of 1,000 cells and gives it back intact', () => {
    const parts: string[] = [];
    for (let i = 0; i < 1000; i++) parts.push(`Step ${i}\n\n\`\`\`sql c${i}\nSELECT ${i} AS v${i > 0 ? ` FROM c${i - 1}` : ''}\n\`\`\`\n`);
    const text = parts.join('\n');
    const notebook = parseNotebook(text);
    expect(notebook.cells.filter((cell) => cell.kind === 'sql').length).toBe(1000);
    expect(serializeNotebook(notebook)).toBe(text);
  });

  it('refuses binary junk named .md with a message, and invalid UTF-8', () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(() => readNotebook(junk)).toThrow(NotebookReadError);
    expect(() => readNotebook(new Uint8Array([0x23, 0x20, 0xc3, 0x28]))).toThrow(expect.objectContaining({ key: 'notebook.notText' }) as Error);
    expect(readNotebook(encoder.encode('# fine')).cells.length).toBe(1);
  });
});
