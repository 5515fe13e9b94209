/**
 * `npm run datalab -- run … --engine wasm`: the built CLI in a child process, the notebook run on
 * duckdb-wasm (the app's in-app engine, from its one Node factory) and checked against the same
 * notebook run on the native engine.
 */
import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runDatalab } from '../../support/datalabCli';
import { makeTempDir } from '../../support/tempDir';

const fixtures = fileURLToPath(new URL('../../fixtures/notebooks/', import.meta.url));
/** Each run starts duckdb-wasm and the native process: tens of seconds on a busy machine. */
const slow = 300_000;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

// HOME of its own: duckdb-wasm's Node build would put a downloaded extension under ~/.duckdb.
const datalab = (args: string[], typedIn: string, home: string) => runDatalab(args, typedIn, { HOME: home });

/** The results of a Jupyter export: each code cell's outputs. */
async function ipynbOutputs(file: string): Promise<unknown[]> {
  const ipynb = JSON.parse(await readFile(file, 'utf8')) as { cells: { cell_type: string; outputs?: unknown[] }[] };
  return ipynb.cells.filter((cell) => cell.cell_type === 'code').map((cell) => cell.outputs);
}

/** The result tables of an HTML report. */
async function htmlTables(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).match(/<table[\s\S]*?<\/table>/g) ?? [];
}

it(
  'runs a good notebook on the in-app engine: a line per cell, both exports written, the same results as the native run',
  async () => {
    const work = path.join(temp.dir, 'work');
    await cp(fixtures, path.join(work, 'notebooks'), { recursive: true });
    await mkdir(path.join(work, 'out'));
    const home = path.join(temp.dir, 'home');
    await mkdir(home);
    const wasm = await datalab(['run', 'notebooks/ventes.md', '--engine', 'wasm', '--html', 'out/wasm.html', '--ipynb', 'out/wasm.ipynb'], work, home);
    expect(wasm.stderr).toBe('');
    expect(wasm.code).toBe(0);
    const lines = wasm.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^✓ ventes · rows: 4 · [\d.]+ m?s$/);
    expect(lines[1]).toMatch(/^✓ par_ville · rows: 3 · [\d.]+ m?s$/);
    expect(lines[2]).toMatch(/^✓ #3 · rows: 3 · [\d.]+ m?s$/);
    expect(wasm.stdout).toContain(`Wrote ${path.join(work, 'out', 'wasm.html')}`);
    expect(wasm.stdout).toContain(`Wrote ${path.join(work, 'out', 'wasm.ipynb')}`);
    expect(lines.at(-1)).toMatch(/^All 3 cells ran in /);

    const native = await datalab(['run', 'notebooks/ventes.md', '--html', 'out/native.html', '--ipynb', 'out/native.ipynb'], work, home);
    expect(native.code).toBe(0);
    // The CSV read with the decimal comma, summed per city: the same text on both engines.
    const wasmTables = await htmlTables(path.join(work, 'out', 'wasm.html'));
    expect(wasmTables.join('')).toContain('<td>Marseille</td><td class="number">4.0</td>');
    expect(wasmTables).toEqual(await htmlTables(path.join(work, 'out', 'native.html')));
    const wasmOutputs = await ipynbOutputs(path.join(work, 'out', 'wasm.ipynb'));
    expect(wasmOutputs).toHaveLength(3);
    expect(wasmOutputs).toEqual(await ipynbOutputs(path.join(work, 'out', 'native.ipynb')));
    // The chart is drawn from the in-app engine's rows too: one bar per city.
    const html = await readFile(path.join(work, 'out', 'wasm.html'), 'utf8');
    const figure = html.slice(html.indexOf('<figure class="chart">'), html.indexOf('</figure>'));
    expect(figure.match(/<g class="mark-rect role-mark[^>]*>(.*?)<\/g>/)?.[1]?.match(/<path/g)).toHaveLength(3);
  },
  slow,
);

it(
  'exits non-zero naming the first failing cell with DuckDB’s message; reads nothing outside the notebook’s folder; never downloads an extension',
  async () => {
    const folder = path.join(temp.dir, 'course');
    await mkdir(path.join(folder, 'data'), { recursive: true });
    await writeFile(path.join(folder, 'data', 'a.csv'), 'k,v\n1,x\n2,y\n');
    // A file beside the folder, not in it: the native lockdown refuses it, the in-app engine is never given it.
    await writeFile(path.join(temp.dir, 'secret.csv'), 'password\nhunter2\n');
    await writeFile(path.join(folder, 'x.parquet'), 'not read');
    const notebook = [
      '# Broken',
      '',
      '```sql fine',
      "SELECT count(*) AS n FROM read_csv('data/a.csv')",
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
      '```sql outside',
      "SELECT * FROM read_csv('../secret.csv')",
      '```',
      '',
      '```sql parquet',
      "SELECT * FROM read_parquet('x.parquet')",
      '```',
      '',
    ].join('\n');
    await writeFile(path.join(folder, 'broken.md'), notebook);
    const home = path.join(temp.dir, 'home');
    await mkdir(home);
    const result = await datalab(['run', 'course/broken.md', '--engine', 'wasm', '--ipynb', 'broken.ipynb'], temp.dir, home);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✓ fine · rows: 1 · [\d.]+ m?s\n✗ totals · Catalog Error: Table with name missing_table does not exist!/);
    expect(result.stdout).toContain('– after · Not run: cell “totals”, which this cell reads, failed.');
    expect(result.stderr).toMatch(/^Cell “totals” failed: Catalog Error: Table with name missing_table does not exist!/);
    expect(result.stdout).toMatch(/✗ outside · IO Error: No files found that match the pattern "[^"]*secret\.csv"/);
    expect(result.stdout).not.toContain('hunter2');
    // As the app says it: no Parquet reader in the in-app engine offline, and the native engine has one.
    expect(result.stdout).toContain('✗ parquet · Catalog Error: Table Function with name "read_parquet" is not in the catalog, but it exists in the parquet extension.');
    expect(result.stdout).toContain('This needs DuckDB’s parquet extension, which the in-app engine does not have offline. The native engine has it built in.');
    // Nothing was fetched: duckdb-wasm's Node build makes ~/.duckdb/extensions before any download.
    await expect(stat(path.join(home, '.duckdb'))).rejects.toThrow();
    // The export is still written, with the first cell's result.
    expect(JSON.stringify(await ipynbOutputs(path.join(temp.dir, 'broken.ipynb')))).toContain('Table with name missing_table does not exist');
  },
  slow,
);

it(
  'shows a MAP of BOOLEANs as the native engine does (duckdb-wasm sends them unlabelled inside a MAP)',
  async () => {
    const sql = "SELECT MAP {'oui': true, 'non': false, 'vide': NULL} AS m, {'k': MAP {true: [false, true]}} AS s";
    await writeFile(path.join(temp.dir, 'maps.md'), `\`\`\`sql maps\n${sql}\n\`\`\`\n`);
    const runs = [];
    for (const engine of ['wasm', 'native']) {
      const result = await datalab(['run', 'maps.md', '--engine', engine, '--html', `${engine}.html`], temp.dir, temp.dir);
      expect(result.code).toBe(0);
      // The values; the header's type names are the engines' own (node-api quotes every STRUCT field).
      runs.push((await htmlTables(path.join(temp.dir, `${engine}.html`))).map((table) => table.slice(table.indexOf('<tbody>'))));
    }
    expect(runs[0]!.join('')).toContain('<td>{oui=true, non=false, vide=NULL}</td><td>{&#39;k&#39;: {true=[false, true]}}</td>');
    expect(runs[0]).toEqual(runs[1]);
  },
  slow,
);

it('refuses an unknown engine with the usage', async () => {
  await writeFile(path.join(temp.dir, 'a.md'), '```sql a\nSELECT 1\n```\n');
  const result = await datalab(['run', 'a.md', '--engine', 'gpu'], temp.dir, temp.dir);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('Unknown engine “gpu”: use native or wasm.');
});
