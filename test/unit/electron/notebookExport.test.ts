/**
 * The HTML report and the Jupyter export of a notebook run on the native engine, and the Jupyter
 * import. The report is opened in Chromium to prove it loads nothing; the .ipynb is validated
 * against nbformat's own 4.5 schema (vendored in test/fixtures/nbformat).
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeWorker } from '../../../electron/host/native/nativeWorker';
import { NativeSession } from '../../../electron/host/native/nativeSession';
import { NativeNotebookEngine } from '../../../electron/host/notebooks/nativeNotebookEngine';
import { createTranslator } from '../../../shared/i18n/translate';
import { drawNotebookCharts } from '../../../shared/notebook/chartRender';
import { notebookHtmlReport } from '../../../shared/notebook/htmlReport';
import { jupyterToNotebook, keptCodeMessages, notebookToJupyter, type JupyterNotebook } from '../../../shared/notebook/jupyter';
import { readNotebook, type Notebook } from '../../../shared/notebook/notebookFormat';
import { NotebookRunLoop } from '../../../shared/notebook/runLoop';
import { builtNativeProcessScript } from '../../support/builtApp';
import { makeTempDir } from '../../support/tempDir';

const t = createTranslator();
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let worker: NativeWorker;
let loop: NotebookRunLoop;
let notebook: Notebook;
let browser: Browser;

/** Markdown that tries every way of loading something: none may work in the report. */
const hostileMarkdown = [
  '# Report <script>fetch("http://127.0.0.1:9/script")</script>',
  '',
  '<img src="http://127.0.0.1:9/raw.png" onerror="fetch(\'http://127.0.0.1:9/onerror\')">',
  '',
  '<iframe src="http://127.0.0.1:9/frame"></iframe><link rel="stylesheet" href="http://127.0.0.1:9/style.css">',
  '',
  '<style>@import url(http://127.0.0.1:9/import.css);</style>',
  '',
  '![remote](http://127.0.0.1:9/markdown.png) ![ref][pic] and <http://127.0.0.1:9/autolink> and [js](javascript:alert(1))',
  '',
  '[pic]: http://127.0.0.1:9/reference.png',
  '',
  '![embedded](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==)',
  '',
].join('\n');

beforeAll(async () => {
  temp = await makeTempDir();
  await cp(path.join(fixtures, 'notebooks'), path.join(temp.dir, 'notebooks'), { recursive: true });
  const file = path.join(temp.dir, 'notebooks', 'ventes.md');
  await writeFile(file, `${hostileMarkdown}\n${await readFile(file, 'utf8')}\n\`\`\`sql big\nSELECT range AS n FROM range(1500)\n\`\`\`\n\n\`\`\`sql hidden hide=code\nSELECT 'secret sql' AS visible_result\n\`\`\`\n`);
  worker = new NativeWorker(builtNativeProcessScript());
  const folder = path.dirname(file);
  const session = new NativeSession(worker, { databaseFile: path.join(temp.dir, 'db.duckdb'), spillDir: path.join(temp.dir, 'spill'), appDirectories: [folder] });
  loop = new NotebookRunLoop(new NativeNotebookEngine(session, folder));
  notebook = readNotebook(await readFile(file));
  await loop.update(notebook);
  await loop.runAll();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
});
afterAll(async () => {
  await browser?.close();
  worker.stop();
  await temp.cleanup();
});

const stateOf = (id: string) => loop.state(id);

describe('HTML report', () => {
  it('opens offline in Chromium showing the Markdown, SQL, results and charts, and requests nothing', async () => {
    const html = notebookHtmlReport(notebook, { fileName: 'ventes.md', t, stateOf, charts: await drawNotebookCharts(notebook, stateOf) });
    const file = path.join(temp.dir, 'report.html');
    await writeFile(file, html);
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState('load');
    expect(requests).toEqual([pathToFileURL(file).href]);

    await expect(page.locator('h1').first().textContent()).resolves.toContain('Report <script>');
    await expect(page.locator('h1').nth(1).textContent()).resolves.toBe('Ventes de l’été');
    const body = await page.locator('body').innerText();
    expect(body).toContain('SELECT ville, sum(montant) AS total');
    expect(body).toContain('Paris\t30.25\t1');
    expect(body).toContain('First 1,000 of 1,500 rows.');
    expect(body).toContain('secret sql'); // the result of a hide=code cell…
    expect(body).not.toContain("SELECT 'secret sql'"); // …without its SQL
    // The chart is inline SVG drawn by Vega: one bar per city.
    await expect(page.locator('figure.chart svg .mark-rect path').count()).resolves.toBe(3);
    // Nothing that loads or runs made it into the page.
    // Run in the page (written as text: this file is type-checked without the DOM's types).
    const dom: unknown = await page.evaluate(`(() => ({
      active: document.querySelectorAll('script, iframe, link, object, embed, style:not(head style), base, meta[http-equiv=refresh]').length,
      sources: [...document.querySelectorAll('[src]')].map((element) => element.getAttribute('src').slice(0, 15)),
      links: [...document.querySelectorAll('[href]')].map((element) => element.getAttribute('href')),
      handlers: [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
    }))()`);
    expect(dom).toEqual({ active: 0, sources: ['data:image/png;'], links: [], handlers: [] });
    await page.close();
  });

  it('refers to nothing outside itself, in its text either', async () => {
    const html = notebookHtmlReport(notebook, { fileName: 'ventes.md', t, stateOf, charts: await drawNotebookCharts(notebook, stateOf) });
    expect(html).toContain('<figure class="chart"><svg');
    expect(html).toContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
    for (const attribute of html.matchAll(/\s(src|href|srcset|action|poster|data)\s*=\s*"([^"]*)"/g)) {
      expect(attribute[2]!.startsWith('data:image/png;base64,') || attribute[2]!.startsWith('#'), attribute[0]).toBe(true);
    }
    // The page's one style sheet loads nothing either (the hostile @import is in the text, escaped).
    const styles = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(styles).not.toMatch(/url\(|@import/);
    expect(html).toContain('&lt;style&gt;@import url(http://127.0.0.1:9/import.css);&lt;/style&gt;');
  });
});

describe('Jupyter', () => {
  const schemaFile = path.join(fixtures, 'nbformat', 'nbformat.v4.5.schema.json');

  async function validator() {
    // The schema is draft-04; ajv 8 reads it as it is once the draft marker is set aside.
    const { $schema: _draft, ...schema } = JSON.parse(await readFile(schemaFile, 'utf8')) as Record<string, unknown>;
    return new Ajv({ strict: false, allErrors: true }).compile(schema);
  }

  it('exports nbformat 4.5 that validates against the nbformat schema, with results and the chart', async () => {
    const ipynb = notebookToJupyter(notebook, { t, stateOf });
    const validate = await validator();
    expect(validate(JSON.parse(JSON.stringify(ipynb))), JSON.stringify(validate.errors)).toBe(true);
    const code = ipynb.cells.filter((cell) => cell.cell_type === 'code');
    expect(code[0]!.source).toEqual(['%%sql --save ventes\n', "SELECT * FROM read_csv('data/ventes.csv', delim = ';', decimal_separator = ',')"]);
    const html = (code[1]!.outputs![0]!.data as Record<string, string[]>)['text/html']!.join('');
    expect(html).toContain('<td>Paris</td><td class="number">30.25</td>');
    const chart = code[2]!.outputs![0]!.data as Record<string, { data: { values: unknown[] }; mark: string }>;
    expect(chart['application/vnd.vegalite.v5+json']).toMatchObject({ mark: 'bar', data: { values: [{ ville: 'Paris', total: 30.25, n: 1 }, { ville: 'Lyon', total: 20, n: 2 }, { ville: 'Marseille', total: 4, n: 1 }] } });
  });

  it('the schema check can fail: a cell without an id is refused', async () => {
    const ipynb = notebookToJupyter(notebook, { t, stateOf }) as unknown as { cells: Record<string, unknown>[] };
    delete ipynb.cells[0]!.id;
    expect((await validator())(ipynb)).toBe(false);
  });

  it('imports Markdown and %%sql cells; other code is kept as fenced blocks that do not run, and the user is told', () => {
    const ipynb: JupyterNotebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { language_info: { name: 'python' } },
      cells: [
        { id: 'a', cell_type: 'markdown', metadata: {}, source: ['# Étude\n', 'du marché'] },
        { id: 'b', cell_type: 'code', metadata: {}, source: ['%%sql --save ventes\n', 'SELECT 1 AS n'], outputs: [], execution_count: 1 },
        { id: 'c', cell_type: 'code', metadata: {}, source: 'import pandas as pd\ndf = pd.read_csv("x.csv")', outputs: [], execution_count: 2 },
        { id: 'd', cell_type: 'code', metadata: {}, source: ['%%sql total <<\n', 'SELECT sum(n) FROM ventes'], outputs: [], execution_count: 3 },
      ],
    };
    const imported = jupyterToNotebook(JSON.stringify(ipynb));
    expect(imported.text).toBe(
      '# Étude\ndu marché\n\n```sql ventes\nSELECT 1 AS n\n```\n\n```python\nimport pandas as pd\ndf = pd.read_csv("x.csv")\n```\n\n```sql total\nSELECT sum(n) FROM ventes\n```\n',
    );
    expect(imported.notebook.cells.filter((cell) => cell.kind === 'sql').map((cell) => cell.kind === 'sql' && cell.name)).toEqual(['ventes', 'total']);
    expect(keptCodeMessages(imported, t)).toEqual(['Cell 3 is python code: it was kept as a fenced block that does not run.']);
  });

  it('a notebook exported then imported has the same cells', () => {
    const back = jupyterToNotebook(JSON.stringify(notebookToJupyter(notebook, { t, stateOf }))).notebook;
    const shape = (nb: Notebook) => nb.cells.filter((cell) => cell.kind !== 'markdown').map((cell) => [cell.kind, cell.kind === 'sql' ? cell.name : null, cell.options, cell.text]);
    expect(shape(back)).toEqual(shape(notebook));
    const markdown = (nb: Notebook) => nb.cells.filter((cell) => cell.kind === 'markdown').map((cell) => cell.text.trim()).filter((text) => text.length > 0);
    expect(markdown(back)).toEqual(markdown(notebook));
  });

  it('refuses a file that is not a notebook with a message', () => {
    expect(() => jupyterToNotebook('{"cells": 3}')).toThrow(/no "cells" list/);
    expect(() => jupyterToNotebook('not json')).toThrow();
  });
});
