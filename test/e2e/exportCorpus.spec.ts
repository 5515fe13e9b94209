import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Page } from '@playwright/test';
import { RecordBatchFileWriter, Table, tableFromIPC } from 'apache-arrow';
import { columnsRetyped, importArrowFile } from '../../electron/host/native/arrowImport';
import { quoteIdentifier, quoteLiteral } from '../../shared/sql/identifiers';
import { engineReady, expect, runQuery, test } from './fixtures';
import { exportResult, type ExportFormatLabel } from './exportDialog';
import { batches, batchSql } from './gridTypeCorpus';

/**
 * The type corpus exported through the real Export dialog, once per format and engine, then read
 * back from disk by native DuckDB: every cell, CAST AS VARCHAR, must be native DuckDB's own
 * CAST(x AS VARCHAR) of the value the query made. Where a format cannot carry a type, the file
 * must hold what the format's documented rule (below, and in the README's "Types in exported
 * files") says, computed here by native DuckDB from the same value. Anything else is a difference,
 * and the test lists them all.
 */

type Engine = 'in-app' | 'native';

const columns = batches.flat();
const sql = batchSql(columns);
const extensions: Record<ExportFormatLabel, string> = { Arrow: 'arrow', Parquet: 'parquet', CSV: 'csv', JSON: 'json' };

/**
 * What a format makes of a type it cannot carry (the README's "Types in exported files" says the
 * same, in words). Reading back: Parquet with its own types; CSV and JSON, which carry no types,
 * with the columns' declared types, as a user who knows them would (`readAs` where DuckDB's reader
 * cannot take the type); Arrow with the app's own Arrow importer (this DuckDB build has no Arrow
 * reader), which refuses some types (`refused`). `expect` is a SQL expression over the original
 * value `x` whose text the file must read back as; without it, CAST(x AS VARCHAR).
 */
interface Rule {
  readAs?: string;
  expect?: string;
  refused?: true;
}

const unionAsStruct = `CASE WHEN x IS NULL THEN NULL ELSE row(CASE union_tag(x) WHEN 'n' THEN 0 ELSE 1 END::UTINYINT, union_extract(x, 'n'), union_extract(x, 's')) END`;

const sharedRules: Record<ExportFormatLabel, Record<string, Rule>> = {
  // The app's Arrow importer maps neither BIT nor UNION (electron/host/native/arrowImport.ts).
  Arrow: { BIT: { refused: true }, 'UNION(n INTEGER, s VARCHAR)': { refused: true } },
  // DuckDB's Parquet writer: 128-bit integers as DOUBLE, TIMETZ without its offset (the wall-clock time kept).
  Parquet: {
    HUGEINT: { expect: 'CAST(x AS DOUBLE)' },
    UHUGEINT: { expect: 'CAST(x AS DOUBLE)' },
    'HUGEINT[]': { expect: 'CAST(x AS DOUBLE[])' },
    TIMETZ: { expect: 'CAST(CAST(x AS TIME) AS TIMETZ)' },
  },
  // DuckDB's CSV reader cannot read a UNION back from its text: read as VARCHAR, it is the text.
  CSV: { 'UNION(n INTEGER, s VARCHAR)': { readAs: 'VARCHAR' } },
  // DuckDB's JSON reader has no BIT, and reads a BLOB's escaped text ("\\x00") as those characters: read
  // as VARCHAR, each is DuckDB's text. It reads every number through DOUBLE, though the file holds every digit.
  JSON: {
    BIT: { readAs: 'VARCHAR' },
    BLOB: { readAs: 'VARCHAR' },
    'DECIMAL(18,3)': { readAs: 'VARCHAR', expect: 'CAST(x AS DOUBLE)' },
    'DECIMAL(38,10)': { readAs: 'VARCHAR', expect: 'CAST(x AS DOUBLE)' },
  },
};

/** Where the engines differ: the in-app engine sends a UNION to native DuckDB as text (its Arrow cannot travel). */
const engineRules: Record<Engine, Partial<Record<ExportFormatLabel, Record<string, Rule>>>> = {
  'in-app': { JSON: { 'UNION(n INTEGER, s VARCHAR)': { readAs: 'VARCHAR' } } },
  // Native DuckDB writes a UNION to Parquet as its storage: a STRUCT of the tag and each member.
  native: { Parquet: { 'UNION(n INTEGER, s VARCHAR)': { expect: unionAsStruct } } },
};

function ruleOf(engine: Engine, format: ExportFormatLabel, type: string): Rule {
  return engineRules[engine][format]?.[type] ?? sharedRules[format][type] ?? {};
}

/** Parquet has no negative INTERVAL: such a result fails to export (DuckDB's message); without them it exports. */
const parquetSql = `SELECT * REPLACE (CASE WHEN "INTERVAL" < INTERVAL '0 seconds' THEN NULL ELSE "INTERVAL" END AS "INTERVAL") FROM (${sql})`;

/** Each column's text as the file reads back (null for NULL), by column type. */
async function readBack(connection: DuckDBConnection, engine: Engine, file: string, format: ExportFormatLabel, scratch: string): Promise<Map<string, (string | null)[]>> {
  const readAs = (type: string): string => ruleOf(engine, format, type).readAs ?? type;
  const declared = `{${columns.map(([type]) => `${quoteLiteral(type)}: ${quoteLiteral(readAs(type))}`).join(', ')}}`;
  let reader: string;
  const refused: string[] = [];
  if (format === 'Parquet') reader = `read_parquet(${quoteLiteral(file)})`;
  else if (format === 'CSV') reader = `read_csv(${quoteLiteral(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, columns = ${declared})`;
  else if (format === 'JSON') reader = `read_json(${quoteLiteral(file)}, format = 'newline_delimited', columns = ${declared})`;
  else {
    // The importer refuses some Arrow types outright: those columns are left out, and must be the ones the rules name.
    const table = tableFromIPC(await readFile(file));
    refused.push(...columnsRetyped(table.schema));
    expect(refused, `${engine}: Arrow columns the importer refuses`).toEqual(columns.map(([type]) => type).filter((type) => ruleOf(engine, format, type).refused));
    const kept = table.select(table.schema.fields.map((field) => field.name).filter((name) => !refused.includes(name)));
    const keptFile = path.join(scratch, `${path.basename(file)}.kept.arrow`);
    await writeFile(keptFile, RecordBatchFileWriter.writeAll(new Table(kept.schema, kept.batches)).toUint8Array(true));
    const table_ = `t${Math.random().toString(36).slice(2)}`;
    await importArrowFile(connection, keptFile, table_, { database: 'memory' });
    reader = `memory.main.${table_}`;
  }
  const names = (await connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${reader})`)).getRows().map((row) => String(row[0]));
  const present = columns.map(([type]) => type).filter((type) => names.includes(type));
  const rows = (await connection.runAndReadAll(`SELECT ${present.map((type) => `CAST(${quoteIdentifier(type)} AS VARCHAR)`).join(', ')} FROM ${reader}`)).getRows();
  return new Map(present.map((type, c) => [type, rows.map((row) => (row[c] === null ? null : String(row[c])))]));
}

/** What each column must read back as in `format`: CAST(x AS VARCHAR), or the format's rule. */
async function wanted(connection: DuckDBConnection, engine: Engine, format: ExportFormatLabel): Promise<Map<string, (string | null)[]>> {
  const expressions = columns.map(([type]) => {
    const rule = ruleOf(engine, format, type).expect ?? 'x';
    return `CAST((SELECT ${rule} FROM (SELECT ${quoteIdentifier(type)} AS x)) AS VARCHAR)`;
  });
  const rows = (await connection.runAndReadAll(`SELECT ${expressions.join(', ')} FROM (${format === 'Parquet' ? parquetSql : sql})`)).getRows();
  return new Map(columns.map(([type], c) => [type, rows.map((row) => (row[c] === null ? null : String(row[c])))]));
}

async function switchToNative(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
  await engineReady(page);
}

for (const engine of ['in-app', 'native'] as const satisfies readonly Engine[]) {
  test(`every type exported from the ${engine} engine to Arrow, Parquet, CSV and JSON reads back as DuckDB prints it`, async ({ page, workbench }) => {
    test.setTimeout(240_000);
    await engineReady(page);
    if (engine === 'native') await switchToNative(page);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-export-corpus-'));
    const differences: string[] = [];
    /** Exports the shown result; the dialog's final message. */
    const exported = async (format: ExportFormatLabel, fileName: string): Promise<string> => {
      await exportResult(page, format, fileName);
      const dialog = page.getByRole('dialog', { name: 'Export the result' });
      const ended = dialog.locator('.export-result, [role="alert"]');
      await expect(ended).toBeVisible({ timeout: 60_000 });
      const message = (await ended.textContent()) ?? '';
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toBeHidden();
      return message;
    };
    const compare = async (format: ExportFormatLabel, fileName: string): Promise<void> => {
      const found = await readBack(connection, engine, path.join(workbench.home, fileName), format, scratch);
      const want = await wanted(connection, engine, format);
      for (const [type] of columns) {
        if (ruleOf(engine, format, type).refused) continue;
        const shown = found.get(type);
        if (shown === undefined) differences.push(`${format} ${type}: not read back`);
        else if (JSON.stringify(shown) !== JSON.stringify(want.get(type))) differences.push(`${format} ${type}: ${JSON.stringify(shown)} ≠ ${JSON.stringify(want.get(type))}`);
      }
    };
    try {
      // The in-app engine prints in UTC: so does the reader.
      await connection.run("SET TimeZone = 'UTC'");
      await runQuery(page, sql);
      await expect(page.locator('.results-status')).toContainText('7 rows in');
      for (const format of ['Arrow', 'CSV', 'JSON'] as const) {
        const fileName = `corpus-${engine}.${extensions[format]}`;
        const message = await exported(format, fileName);
        if (message.startsWith('Exported 7 rows to')) await compare(format, fileName);
        else differences.push(`${format}: ${message}`);
      }
      // Parquet: the corpus's negative INTERVAL fails the export with DuckDB's message, and leaves no file.
      expect(await exported('Parquet', `corpus-${engine}.parquet`)).toBe('The export failed: IO Error: Parquet files do not support negative intervals');
      expect((await readdir(workbench.home)).filter((name) => name.includes('.parquet'))).toEqual([]);
      await runQuery(page, parquetSql);
      await expect(page.locator('.results-status')).toContainText('7 rows in');
      const message = await exported('Parquet', `corpus-${engine}.parquet`);
      if (message.startsWith('Exported 7 rows to')) await compare('Parquet', `corpus-${engine}.parquet`);
      else differences.push(`Parquet: ${message}`);
    } finally {
      connection.closeSync();
      instance.closeSync();
      await rm(scratch, { recursive: true, force: true });
    }
    expect(differences, differences.join('\n')).toEqual([]);
  });
}
