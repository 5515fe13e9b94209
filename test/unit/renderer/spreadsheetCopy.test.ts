/**
 * "Copy for a spreadsheet" in French (semicolon, decimal comma), read back by the app's own CSV
 * reader on the real in-app engine: every value must come back. Cells are produced exactly as the
 * grid shows them (shared/values/cellFormat.ts) and read back the same way.
 */
import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultForSpreadsheet, spreadsheetDialectFor, type SpreadsheetCell } from '../../../shared/formats/spreadsheetText';
import { createCellFormatter } from '../../../shared/values/cellFormat';
import { intlLocaleOf } from '../../../shared/i18n/translate';
import { createCsvTable } from '../../../shared/engine/wasmCsvLoad';
import { csvSampleOf, diagnoseCsvDialect } from '../../../shared/formats/csvDialect';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

let wasm: WasmDuckdb;
beforeAll(async () => {
  wasm = await openWasmDuckdb();
}, 120_000);
afterAll(async () => {
  await wasm?.close();
});

function gridCells(table: Table): { header: string[]; rows: SpreadsheetCell[][] } {
  const formatters = table.schema.fields.map((field) => createCellFormatter(field.type, field.metadata));
  const vectors = table.schema.fields.map((_, column) => table.getChildAt(column)!);
  const rows: SpreadsheetCell[][] = [];
  for (let row = 0; row < table.numRows; row++) rows.push(formatters.map((format, column) => format.at(vectors[column]!, row)));
  return { header: table.schema.fields.map((field) => field.name), rows };
}

const result = `
  SELECT * FROM (VALUES
    (1, 0.1::DOUBLE, 1234.500::DECIMAL(18,3), 'Ada; Lovelace', DATE '2024-03-01', TIMESTAMP '2024-03-01 12:34:56.789', true, -3::BIGINT),
    (2, -1.5e-7::DOUBLE, -0.001::DECIMAL(18,3), 'dit "oui", puis non', DATE '1999-12-31', TIMESTAMP '1999-12-31 23:59:59', false, 9007199254740993::BIGINT),
    (3, 1e20::DOUBLE, 99999999.999::DECIMAL(18,3), 'deux
lignes', NULL, NULL, NULL, NULL),
    (4, 123456.789::DOUBLE, NULL, 'مرحبا 3.5', DATE '2024-02-29', TIMESTAMP '2024-02-29 00:00:00', true, 0::BIGINT),
    (5, NULL, 0::DECIMAL(18,3), NULL, DATE '2000-01-01', TIMESTAMP '2000-01-01 08:00:00', false, 42::BIGINT)
  ) t(id, ratio, amount, label, day, moment, flag, big)`;

describe('copy for a spreadsheet', () => {
  it('takes the locale’s dialect: semicolon and decimal comma in French and Moroccan Arabic', () => {
    expect(spreadsheetDialectFor(intlLocaleOf.fr)).toEqual({ delimiter: ';', decimal: ',' });
    expect(spreadsheetDialectFor(intlLocaleOf.ar)).toEqual({ delimiter: ';', decimal: ',' });
    expect(spreadsheetDialectFor(intlLocaleOf.en)).toEqual({ delimiter: ',', decimal: '.' });
  });

  it('in French, writes semicolons and decimal commas, and the app reads every value back', async () => {
    const original = gridCells(await wasm.query(result));
    const text = resultForSpreadsheet(original.header, original.rows, spreadsheetDialectFor(intlLocaleOf.fr));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('id;ratio;amount;label;day;moment;flag;big');
    expect(lines[1]).toBe('1;0,1;1234,500;"Ada; Lovelace";2024-03-01;2024-03-01 12:34:56.789;true;-3');
    expect(lines[2]).toBe('2;-1,5e-07;-0,001;"dit ""oui"", puis non";1999-12-31;1999-12-31 23:59:59;false;9007199254740993');

    const bytes = new TextEncoder().encode(text);
    await wasm.registerFile('copied.csv', bytes);
    // The reader the app uses when a user opens a CSV file in the in-app engine.
    await createCsvTable({ query: (sql: string) => wasm.query(sql) }, 'copied', 'copied.csv', 'csv', csvSampleOf(bytes));
    expect(diagnoseCsvDialect(csvSampleOf(bytes), 'csv')).toMatchObject({ delimiter: ';', decimalComma: true });
    const readBack = gridCells(await wasm.query('SELECT * FROM copied'));

    expect(readBack.header).toEqual(original.header);
    expect(readBack.rows).toHaveLength(original.rows.length);
    original.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const back = readBack.rows[r]![c]!;
        const where = `row ${r + 1}, ${original.header[c]}`;
        expect(back.kind, where).toBe(cell.kind);
        // A DECIMAL comes back as DOUBLE (1234.500 → 1234.5): the same number, compared as one.
        if (cell.kind === 'number' && original.header[c] === 'amount') expect(Number(back.text), where).toBe(Number(cell.text));
        else expect(back.text, where).toBe(cell.text);
      }),
    );
  });
});
