import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from '@playwright/test';
import { RecordBatchFileWriter, Table, tableFromIPC } from 'apache-arrow';
import { readFile, writeFile } from 'node:fs/promises';
import { columnsRetyped, importArrowFile } from '../../electron/host/native/arrowImport';
import { resultAsText } from '../../shared/formats/resultText';
import { quoteLiteral } from '../../shared/sql/identifiers';
import { engineReady, expect, gridRows, runQuery, test } from './fixtures';
import { exportResult, finishExport, type ExportFormatLabel } from './exportDialog';

/**
 * Every type the grid renders, through the real UI on both engines: the grid's text and the
 * copied CSV against native DuckDB's own CAST(x AS VARCHAR) of the same values, computed here.
 * Columns are batched (a few queries, many assertions) so the suite stays fast.
 */

/** [DuckDB type, SQL literals]: each column gets its values, then NULLs to fill the rows. */
type Column = [type: string, values: string[]];

const batches: Column[][] = [
  [
    ['BOOLEAN', ['true', 'false']],
    ['TINYINT', ['-128', '127']],
    ['SMALLINT', ['-32768', '32767']],
    ['INTEGER', ['-2147483648', '2147483647']],
    ['BIGINT', ['-9223372036854775808', '9223372036854775807', '9007199254740993']],
    ['UBIGINT', ['18446744073709551615', '0']],
    ['HUGEINT', ['170141183460469231731687303715884105727', '-170141183460469231731687303715884105727']],
    ['UHUGEINT', ['340282366920938463463374607431768211455', '0']],
    ['DECIMAL(18,3)', ['-123456789012345.678', '0.001']],
    ['DECIMAL(38,10)', ["'1234567890123456789012345678.0123456789'", "'-0.0000000001'"]],
    ['FLOAT', ["'inf'", "'-inf'", "'nan'", '1.5e-45']],
    ['DOUBLE', ["'infinity'", "'-infinity'", "'nan'", '1e308', '-0.0', '0.1']],
  ],
  [
    ['VARCHAR', [`'a, "b"'`, "''", "'NULL'", "'é中 ٣'"]],
    ['BLOB', ["'\\x00\\xFF'", "'abc'"]],
    ['UUID', ["'12345678-1234-5678-1234-567812345678'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'"]],
    ['DATE', ["'1970-01-01'", "'infinity'", "'-infinity'", "'0001-01-01'"]],
    ['TIME', ["'23:59:59.999999'", "'00:00:00'"]],
    ['TIMESTAMP', ["'2024-02-29 12:34:56.123456'", "'infinity'", "'1969-12-31 23:59:59'"]],
    ['TIMESTAMP_NS', ["'2024-01-02 03:04:05.123456789'"]],
    ['TIMESTAMP_S', ["'2024-01-02 03:04:05'"]],
    ['TIMESTAMPTZ', ["'2024-01-01 00:00:00+05:30'", "'-infinity'"]],
    ['TIMETZ', ["'12:00:00+05:30'", "'01:02:03-08:00'"]],
    ['INTERVAL', ["'1 year 2 months 3 days 04:05:06.789'", "'-1 day'"]],
    ['BIT', ["'0101'", "'1'"]],
  ],
  [
    ['INTEGER[]', ['[1, NULL, 3]', '[]']],
    ['VARCHAR[]', ["['a,b', NULL, '']"]],
    ['BOOLEAN[]', ['[true, false, NULL]']],
    ['STRUCT(a INTEGER, b VARCHAR)', ["{'a': 1, 'b': 'x y'}", "{'a': NULL, 'b': NULL}"]],
    ['STRUCT(f BOOLEAN, u UUID)', ["{'f': true, 'u': '00000000-0000-0000-0000-000000000001'}"]],
    ['MAP(VARCHAR, INTEGER)', ["MAP {'k': 1, 'l': NULL}", 'MAP {}']],
    ['INTEGER[2]', ['[1, 2]']],
    ['UNION(n INTEGER, s VARCHAR)', ['union_value(n := 1)', "union_value(s := 'x')"]],
    ['HUGEINT[]', ['[-1, 170141183460469231731687303715884105727]']],
    ['DATE[]', ["['2024-02-29', 'infinity']"]],
  ],
];

/** The batch as one query: a column per type (named after it), its values, then a row of NULLs. */
function batchSql(columns: Column[]): string {
  const rowCount = Math.max(...columns.map(([, values]) => values.length)) + 1;
  const rows = Array.from({ length: rowCount }, (_, row) =>
    `(${[String(row), ...columns.map(([type, values]) => `CAST(${values[row] ?? 'NULL'} AS ${type})`)].join(', ')})`,
  );
  const names = columns.map(([type]) => `"${type.replaceAll('"', '""')}"`);
  return `SELECT ${names.join(', ')} FROM (VALUES ${rows.join(', ')}) t(i, ${names.join(', ')}) ORDER BY i`;
}

/** Native DuckDB's CAST(x AS VARCHAR) of every cell (null for NULL), in UTC like the in-app engine. */
async function expectedCells(sql: string, columnCount: number): Promise<(string | null)[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const cast = Array.from({ length: columnCount }, (_, c) => `CAST(#${c + 1} AS VARCHAR)`).join(', ');
    const reader = await connection.runAndReadAll(`SELECT ${cast} FROM (${sql})`);
    return reader.getRows().map((row) => row.map((cell) => (cell === null ? null : String(cell))));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function copiedCsv(page: Page): Promise<string> {
  // Emptied first, so the copy of this result is told apart from the one before.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByRole('group', { name: 'Copy the result' }).getByRole('button', { name: 'Copy as CSV' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe('');
  return page.evaluate(() => navigator.clipboard.readText());
}

test('every type shows as DuckDB prints it, in the grid and the copied CSV, on both engines', async ({ page }) => {
  test.setTimeout(360_000);
  await engineReady(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const expected = await Promise.all(batches.map((columns) => expectedCells(batchSql(columns), columns.length)));
  for (const engine of ['in-app', 'native']) {
    for (const [index, columns] of batches.entries()) {
      const sql = batchSql(columns);
      const want = expected[index]!;
      await runQuery(page, sql);
      // The grid renders the columns on screen: those must read as DuckDB prints them.
      await expect.poll(async () => (await gridRows(page)).length, { message: `${engine}: rows of batch ${index}` }).toBe(want.length);
      const shown = await gridRows(page);
      expect(shown[0]!.length).toBeGreaterThan(2);
      expect(shown, `${engine}: grid of batch ${index}`).toEqual(want.map((row) => row.slice(0, shown[0]!.length).map((cell) => cell ?? 'NULL')));
      // The clipboard has every column.
      const csv = await copiedCsv(page);
      expect(csv, `${engine}: CSV of batch ${index}`).toBe(resultAsText('csv', columns.map(([type]) => type), want));
    }
    if (engine === 'in-app') {
      await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
      await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
      await engineReady(page);
    }
  }
});

/**
 * Where an exported file cannot give back what DuckDB printed, by engine and format: each entry is
 * a column (named after its type) and why. The README's "Export" section says the same. The test
 * fails if a listed difference disappears as well as if a new one appears, so this stays true.
 */
const exportDifferences: Record<'in-app' | 'native', Record<ExportFormatLabel, Record<string, string>>> = {
  'in-app': { Arrow: {}, Parquet: {}, CSV: {}, JSON: {} },
  native: { Arrow: {}, Parquet: {}, CSV: {}, JSON: {} },
};

const allColumns = batches.flat();
const extensions: Record<ExportFormatLabel, string> = { Arrow: 'arrow', Parquet: 'parquet', CSV: 'csv', JSON: 'json' };

/**
 * Every cell of an exported file as native DuckDB reads it back, CAST AS VARCHAR. CSV and JSON
 * carry no types, so they are read with the columns' declared types (the test is whether the
 * values survive); Parquet with its own; Arrow through the app's own Arrow importer (this DuckDB
 * build has no Arrow reader), whose refusals count as differences.
 */
async function exportedCells(file: string, format: ExportFormatLabel): Promise<{ cells: (string | null)[][]; unreadable: string[] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-corpus-'));
  try {
    await connection.run("SET TimeZone = 'UTC'");
    // DuckDB's JSON reader has no BIT: that column is read as the text the writer wrote.
    const readAs = (type: string): string => (format === 'JSON' && type === 'BIT' ? 'VARCHAR' : type);
    const declared = `{${allColumns.map(([type]) => `${quoteLiteral(type)}: ${quoteLiteral(readAs(type))}`).join(', ')}}`;
    let reader: string;
    let unreadable: string[] = [];
    if (format === 'Parquet') reader = `read_parquet(${quoteLiteral(file)})`;
    else if (format === 'CSV') reader = `read_csv(${quoteLiteral(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${declared})`;
    else if (format === 'JSON') {
      reader = `read_json(${quoteLiteral(file)}, format = 'newline_delimited', columns = ${declared})`;
      // A file written from CSV (the in-app fallback) holds lists as text, which the declared types refuse: its own types then.
      const declaredReads = await connection.runAndReadAll(`SELECT * FROM ${reader}`).then(() => true, () => false);
      if (!declaredReads) reader = `read_json(${quoteLiteral(file)}, format = 'newline_delimited')`;
    }
    else {
      const table = tableFromIPC(await readFile(file));
      unreadable = columnsRetyped(table.schema);
      const readable = table.select(table.schema.fields.map((field) => field.name).filter((name) => !unreadable.includes(name)));
      const kept = path.join(scratch, 'kept.arrow');
      await writeFile(kept, RecordBatchFileWriter.writeAll(new Table(readable.schema, readable.batches)).toUint8Array(true));
      await connection.run("ATTACH ':memory:' AS imports");
      await importArrowFile(connection, kept, 'kept');
      reader = 'imports.main.kept';
    }
    const names = (await connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${reader})`)).getRows().map((row) => String(row[0]));
    const cast = allColumns.map(([type]) => (names.includes(type) ? `CAST("${type.replaceAll('"', '""')}" AS VARCHAR)` : 'NULL'));
    const rows = (await connection.runAndReadAll(`SELECT ${cast.join(', ')} FROM ${reader}`)).getRows();
    return { cells: rows.map((row) => row.map((cell) => (cell === null ? null : String(cell)))), unreadable };
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(scratch, { recursive: true, force: true });
  }
}

test('every type exported to Arrow, Parquet, CSV and JSON reads back as DuckDB prints it, on both engines', async ({ page, workbench }) => {
  test.setTimeout(600_000);
  await engineReady(page);
  const sql = batchSql(allColumns);
  const want = await expectedCells(sql, allColumns.length);
  const found: typeof exportDifferences = { 'in-app': { Arrow: {}, Parquet: {}, CSV: {}, JSON: {} }, native: { Arrow: {}, Parquet: {}, CSV: {}, JSON: {} } };
  for (const engine of ['in-app', 'native'] as const) {
    await runQuery(page, sql);
    await expect(page.locator('.results-status')).toContainText(`${want.length} rows in`);
    for (const format of ['Arrow', 'Parquet', 'CSV', 'JSON'] as const) {
      const fileName = `corpus-${engine}.${extensions[format]}`;
      await exportResult(page, format, fileName);
      await finishExport(page, /^Exported /);
      const { cells, unreadable } = await exportedCells(path.join(workbench.home, fileName), format);
      for (const [c, [type]] of allColumns.entries()) {
        if (unreadable.includes(type)) {
          found[engine][format][type] = 'not importable';
          continue;
        }
        const shown = cells.map((row) => row[c]);
        const expected = want.map((row) => row[c]);
        if (JSON.stringify(shown) !== JSON.stringify(expected)) found[engine][format][type] = `${JSON.stringify(shown)} ≠ ${JSON.stringify(expected)}`;
      }
    }
    if (engine === 'in-app') {
      await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
      await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
      await engineReady(page);
    }
  }
  // Compared by column name; the reasons are for the reader (the found values show what differs).
  const columnsOf = (differences: typeof exportDifferences) =>
    Object.fromEntries(Object.entries(differences).map(([engine, formats]) => [engine, Object.fromEntries(Object.entries(formats).map(([format, columns]) => [format, Object.keys(columns).sort()]))]));
  expect(columnsOf(found), JSON.stringify(found, null, 1)).toEqual(columnsOf(exportDifferences));
});
