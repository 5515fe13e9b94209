/**
 * CSV parity: every file of the CSV corpus (test/support/csvCorpus.ts) gives the same table on both
 * engines, each loading it through the app's own path:
 * - native: the host core opens the file and adds it to the native engine (its dataset view, made
 *   by electron/host/native/datasetReaders.ts in the real native process);
 * - in-app: duckdb-wasm opened with the app's settings, the file's bytes registered under an
 *   internal name and loaded by shared/engine/wasmCsvLoad.ts, the function the in-app engine calls.
 * Compared cell by cell: column names, DuckDB type names, and `CAST(x AS VARCHAR)` of every value
 * (NULL kept apart from text). Every difference is named in the failure.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../shared/contract/hostApi';
import { CsvShapeError, createCsvTable } from '../../../shared/engine/wasmCsvLoad';
import { csvSampleBytes, csvSampleOf } from '../../../shared/formats/csvDialect';
import { quoteIdentifier } from '../../../shared/sql/identifiers';
import { csvCorpus, type CsvCorpusFile } from '../../support/csvCorpus';
import { createScratchHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

/** A table as compared: names, type names and each cell's text (null for NULL); or the refusal. */
type Reading = { columns: string[]; types: string[]; rows: (string | null)[][] } | { refused: string };

let scratch: ScratchHostCore;
let wasm: WasmDuckdb;
const { send } = requestsTo(() => scratch.core);

function rowsOf(table: Table): (string | null)[][] {
  return Array.from({ length: table.numRows }, (_, row) =>
    table.schema.fields.map((_, column) => {
      const value: unknown = table.getChildAt(column)!.get(row);
      return value === null || value === undefined ? null : String(value);
    }),
  );
}

/** Every column as text, as DuckDB writes it: the same SQL on both engines. */
const textsSql = (table: string): string => `SELECT COLUMNS(*)::VARCHAR FROM ${quoteIdentifier(table)}`;
const describeSql = (table: string): string => `SELECT column_name, column_type FROM (DESCRIBE ${quoteIdentifier(table)})`;

async function nativeRead(sql: string): Promise<Table> {
  const response = await send('POST', '/api/native/read', { sql });
  if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
  return tableFromIPC(new Uint8Array(await response.arrayBuffer()));
}

/**
 * Opens the file as the app does (Open file…). The host refuses some files before either engine
 * sees them (an empty file): then both engines refuse it alike.
 */
async function openDataset(file: CsvCorpusFile): Promise<Dataset | { refused: string }> {
  const filePath = path.join(scratch.home, file.name);
  await writeFile(filePath, file.bytes);
  const response = await send('POST', '/api/datasets/open', { path: filePath });
  if (!response.ok) return { refused: ((await response.json()) as { error: string }).error };
  return (await response.json()) as Dataset;
}

async function readNative(dataset: Dataset, table: string): Promise<Reading> {
  const added = await send('POST', '/api/native/tables', { datasetId: dataset.id, table });
  if (added.status !== 204) return { refused: ((await added.json()) as { error: string }).error };
  try {
    const described = await nativeRead(describeSql(table));
    return {
      columns: Array.from(described.getChild('column_name')!.toArray(), String),
      types: Array.from(described.getChild('column_type')!.toArray(), String),
      rows: rowsOf(await nativeRead(textsSql(table))),
    };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

async function readInApp(file: CsvCorpusFile, table: string): Promise<Reading> {
  const format = file.name.endsWith('.tsv') ? 'tsv' : 'csv';
  // As the in-app engine does: the sample is taken, the bytes registered under an internal name.
  const internalName = `${crypto.randomUUID()}.${format}`;
  const sample = csvSampleOf(file.bytes);
  await wasm.registerFile(internalName, file.bytes.slice());
  try {
    await createCsvTable(wasm, table, internalName, format, sample);
    const described = await wasm.query(describeSql(table));
    return {
      columns: Array.from(described.getChild('column_name')!.toArray(), String),
      types: Array.from(described.getChild('column_type')!.toArray(), String),
      rows: rowsOf(await wasm.query(textsSql(table))),
    };
  } catch (error) {
    return { refused: error instanceof CsvShapeError ? `shape: ${error.problem.kind}` : (error as Error).message };
  }
}

/** Each difference between the two readings, in words. */
function differences(native: Reading, inApp: Reading): string[] {
  if ('refused' in native || 'refused' in inApp) {
    if ('refused' in native && 'refused' in inApp) return [];
    return [`native ${'refused' in native ? `refused: ${native.refused}` : 'read it'}; in-app ${'refused' in inApp ? `refused: ${inApp.refused}` : 'read it'}`];
  }
  const found: string[] = [];
  if (native.columns.join('\u0000') !== inApp.columns.join('\u0000')) found.push(`columns: native ${JSON.stringify(native.columns)}, in-app ${JSON.stringify(inApp.columns)}`);
  native.types.forEach((type, column) => {
    if (type !== inApp.types[column]) found.push(`type of ${native.columns[column]}: native ${type}, in-app ${inApp.types[column]}`);
  });
  if (native.rows.length !== inApp.rows.length) found.push(`rows: native ${native.rows.length}, in-app ${inApp.rows.length}`);
  for (let row = 0; row < Math.min(native.rows.length, inApp.rows.length) && found.length < 20; row++) {
    native.rows[row]!.forEach((cell, column) => {
      const other = inApp.rows[row]![column];
      if (cell !== other) found.push(`row ${row + 1}, ${native.columns[column]}: native ${JSON.stringify(cell)}, in-app ${JSON.stringify(other)}`);
    });
  }
  return found;
}

const readings = new Map<string, { native: Reading; inApp: Reading }>();

beforeAll(async () => {
  scratch = await createScratchHostCore();
  wasm = await openWasmDuckdb();
  for (const [index, file] of csvCorpus.entries()) {
    const table = `corpus_${index}`;
    const opened = await openDataset(file);
    if ('refused' in opened) readings.set(file.name, { native: opened, inApp: opened });
    else readings.set(file.name, { native: await readNative(opened, table), inApp: await readInApp(file, table) });
  }
}, 300_000);

afterAll(async () => {
  await wasm?.close();
  await scratch?.dispose();
});

/** A column of a reading, for the checks of what the tables hold. */
function column(name: string, columnName: string): { type: string; cells: (string | null)[] } {
  const reading = readings.get(name)!.native;
  if ('refused' in reading) throw new Error(`${name} was refused: ${reading.refused}`);
  const index = reading.columns.indexOf(columnName);
  return { type: reading.types[index]!, cells: reading.rows.map((row) => row[index]!) };
}

describe('the CSV corpus on both engines', () => {
  it('gives the same table on both engines, file by file, cell by cell', () => {
    const found = csvCorpus.flatMap((file) => {
      const { native, inApp } = readings.get(file.name)!;
      return differences(native, inApp).map((difference) => `${file.name}: ${difference}`);
    });
    expect(found).toEqual([]);
  });

  it('reads every file of the corpus as a table but the empty one, which the app refuses to open', () => {
    const refused = csvCorpus.filter((file) => 'refused' in readings.get(file.name)!.native).map((file) => file.name);
    expect(refused).toEqual(['empty.csv']);
    expect(readings.get('empty.csv')!.native).toEqual({ refused: expect.stringContaining('empty') });
  });

  it('reads thousands separators (space, no-break, narrow no-break, dot) as numbers', () => {
    const amounts = { type: 'DOUBLE', cells: ['1234.56', '3.2', '12345678.9'] };
    expect(column('thousands_space.csv', 'montant')).toEqual(amounts);
    expect(column('thousands_nbsp.csv', 'montant')).toEqual({ type: 'DOUBLE', cells: ['1234.56', '3.2', '-12345678.9', '5000.5'] });
    expect(column('thousands_nnbsp.csv', 'montant')).toEqual(amounts);
    expect(column('thousands_dot.csv', 'montant')).toEqual(amounts);
    expect(column('thousands_integers.csv', 'habitants')).toEqual({ type: 'BIGINT', cells: ['2133111', '522250', '131272'] });
    expect(column('thousands_integers.csv', 'superficie')).toEqual({ type: 'DOUBLE', cells: ['105.4', '47.87', '66.9'] });
    expect(column('thousands_quoted_comma.csv', 'montant')).toEqual({ type: 'DOUBLE', cells: ['1234.56', '3.2'] });
    expect(column('thousands_mixed_spaces.csv', 'total')).toEqual({ type: 'DOUBLE', cells: ['1000.5', '2000.25', '3000.0', null] });
    expect(column('arabic_semicolon.csv', 'المبلغ')).toEqual({ type: 'DOUBLE', cells: ['1250.75', '980.5'] });
    expect(csvCorpus.find((file) => file.name === 'large_french.csv')!.bytes.length).toBeGreaterThan(csvSampleBytes);
    const large = column('large_french.csv', 'montant');
    expect(large.type).toBe('DOUBLE');
    expect(large.cells.at(-1)).toBe(`${Math.floor(27_999 / 7) + 1000}.99`);
  });

  it('reads decimal commas and day-first dates', () => {
    expect(column('ventes été.csv', 'prix')).toEqual({ type: 'DOUBLE', cells: ['3.5', '1.2'] });
    expect(column('ventes.csv', 'montant')).toEqual({ type: 'DOUBLE', cells: ['12.5', '30.25', '7.5', '4.0'] });
    expect(column('dates_day_first.csv', 'date')).toEqual({ type: 'DATE', cells: ['2024-12-31', '2024-02-01'] });
    expect(column('dates_day_first.csv', 'valeur')).toEqual({ type: 'DOUBLE', cells: ['1.5', '2.0'] });
    expect(column('dates_ambiguous.csv', 'date')).toEqual({ type: 'DATE', cells: ['2024-02-01', '2024-04-03'] });
    expect(column('timestamps_day_first.csv', 'horodatage')).toEqual({ type: 'TIMESTAMP', cells: ['2024-12-31 14:30:00', '2025-01-01 08:05:00'] });
    expect(column('tabs.tsv', 'montant')).toEqual({ type: 'DOUBLE', cells: ['12.5', '30.25'] });
    expect(column('large_french.csv', 'date').type).toBe('DATE');
    expect(column('arabic_semicolon.csv', 'التاريخ')).toEqual({ type: 'DATE', cells: ['2024-12-31', '2025-01-15'] });
  });

  it('keeps quoted delimiters, quotes and newlines, a BOM and Arabic text', () => {
    expect(column('comma_in_quotes.csv', 'city').cells).toEqual(['Anytown, WW']);
    expect(column('escaped_quotes.csv', 'b').cells).toEqual(['ha "ha" ha', '4']);
    expect(column('quotes_and_newlines.csv', 'b').cells).toEqual(['ha \n"ha" \nha', '4']);
    expect(column('newlines_crlf.csv', 'a').cells).toEqual(['1', 'Once upon \r\na time', '7']);
    expect(column('bom.csv', 'id')).toEqual({ type: 'BIGINT', cells: ['1', '2'] });
    expect(column('مبيعات.csv', 'city').cells).toEqual(['القاهرة', 'تونس']);
    expect(column('header_only.csv', 'c')).toEqual({ type: 'VARCHAR', cells: [] });
  });
});
