/**
 * `npm run datalab -- run`, as a user runs it: the built CLI in a child process, paths typed
 * relative to the folder the command was typed in (INIT_CWD, as npm sets it).
 */
import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runDatalab } from '../../support/datalabCli';
import { makeTempDir } from '../../support/tempDir';

const fixtures = fileURLToPath(new URL('../../fixtures/notebooks/', import.meta.url));

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

const datalab = (args: string[], typedIn: string) => runDatalab(args, typedIn);

it('runs a good notebook: a line per cell, both exports written, exit 0', async () => {
  await cp(fixtures, path.join(temp.dir, 'work', 'notebooks'), { recursive: true });
  await mkdir(path.join(temp.dir, 'work', 'out'));
  const typedIn = path.join(temp.dir, 'work');
  const result = await datalab(['run', 'notebooks/ventes.md', '--html', 'out/report.html', '--ipynb', 'out/ventes.ipynb'], typedIn);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const lines = result.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^✓ ventes · rows: 4 · \d+ ms$/);
  expect(lines[1]).toMatch(/^✓ par_ville · rows: 3 · \d+ ms$/);
  expect(lines[2]).toMatch(/^✓ #3 · rows: 3 · \d+ ms$/);
  expect(result.stdout).toContain(`Wrote ${path.join(typedIn, 'out', 'report.html')}`);
  expect(lines.at(-1)).toMatch(/^All 3 cells ran in /);
  const html = await readFile(path.join(typedIn, 'out', 'report.html'), 'utf8');
  expect(html).toContain('<td>Marseille</td><td class="number">4.0</td>');
  // The chart is drawn by Vega without a window, as inline SVG: one bar per city.
  const figure = html.slice(html.indexOf('<figure class="chart">'), html.indexOf('</figure>'));
  expect(figure).toContain('<svg');
  expect(figure.match(/<g class="mark-rect role-mark[^>]*>(.*?)<\/g>/)?.[1]?.match(/<path/g)).toHaveLength(3);
  const ipynb = JSON.parse(await readFile(path.join(typedIn, 'out', 'ventes.ipynb'), 'utf8')) as { nbformat: number; nbformat_minor: number; cells: { cell_type: string; outputs?: unknown[] }[] };
  expect([ipynb.nbformat, ipynb.nbformat_minor]).toEqual([4, 5]);
  expect(ipynb.cells.map((cell) => [cell.cell_type, cell.outputs?.length ?? null])).toEqual([
    ['markdown', null],
    ['code', 1],
    ['markdown', null],
    ['code', 1],
    ['code', 1],
    ['markdown', null],
  ]);
});

it('exits non-zero naming the first failing cell with DuckDB’s message; the cells after it say why they did not run', async () => {
  const notebook = [
    '# Broken',
    '',
    '```sql fine',
    'SELECT 1 AS one',
    '```',
    '',
    '```sql totals',
    'SELECT sum(amount) FROM missing_table',
    '```',
    '',
    '```sql after',
    'SELECT * FROM totals',
    '```',
    '',
  ].join('\n');
  await writeFile(path.join(temp.dir, 'broken.md'), notebook);
  const result = await datalab(['run', 'broken.md', '--html', 'broken.html'], temp.dir);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^✓ fine · rows: 1 · \d+ ms\n✗ totals · Catalog Error: Table with name missing_table does not exist!/);
  expect(result.stdout).toContain('– after · Not run: cell “totals”, which this cell reads, failed.');
  expect(result.stderr).toMatch(/^Cell “totals” failed: Catalog Error: Table with name missing_table does not exist!/);
  // The report is still written: it shows what ran and what failed.
  expect(await readFile(path.join(temp.dir, 'broken.html'), 'utf8')).toContain('Table with name missing_table does not exist');
});

it('says what is wrong with a file that is not a notebook, or a missing one, and writes nothing', async () => {
  await writeFile(path.join(temp.dir, 'junk.md'), new Uint8Array(2048).map((_, i) => (i * 131) % 256));
  const junk = await datalab(['run', 'junk.md', '--html', 'junk.html'], temp.dir);
  expect(junk.code).toBe(1);
  expect(junk.stderr).toContain('Cannot read junk.md: This file is not a text notebook');
  await expect(stat(path.join(temp.dir, 'junk.html'))).rejects.toThrow();
  const missing = await datalab(['run', 'nowhere.md'], temp.dir);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('Cannot read nowhere.md');
  await writeFile(path.join(temp.dir, 'open.md'), '# Open\n\n```sql a\nSELECT 1\n```\n\n```sql b\nSELECT 2\n');
  const unterminated = await datalab(['run', 'open.md'], temp.dir);
  expect(unterminated.code).toBe(1);
  expect(unterminated.stderr).toContain('open.md: Line 7: this code block has no closing fence');
  expect(unterminated.stdout).toMatch(/^✓ a · rows: 1/);
  const usage = await datalab(['run'], temp.dir);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('Usage: npm run datalab -- run <notebook.md>');
});
