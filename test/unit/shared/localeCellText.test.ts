import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localeCellText } from '../../../shared/values/localeCellText';
import { createCellFormatter, type FormattedCell } from '../../../shared/values/cellFormat';
import { intlLocaleOf } from '../../../shared/i18n/translate';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

/** The cells exactly as the grid gets them from the real engine. */
let engine: WasmDuckdb;
beforeAll(async () => {
  engine = await openWasmDuckdb();
}, 120_000);
afterAll(async () => {
  await engine?.close();
});

async function cellsOf(sql: string): Promise<FormattedCell[]> {
  const table = await engine.query(sql);
  const field = table.schema.fields[0]!;
  const format = createCellFormatter(field.type, field.metadata);
  const vector = table.getChildAt(0)!;
  return Array.from({ length: table.numRows }, (_, row) => format.at(vector, row));
}

const shown = (cells: FormattedCell[], locale: keyof typeof intlLocaleOf) =>
  cells.map((cell) => localeCellText(cell, intlLocaleOf[locale]).replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200e\u200f]/g, ''));

describe('numbers and dates in the user’s locale (the grid option)', () => {
  it('shows numbers with the locale’s separators, every digit kept', async () => {
    // One query per value: VALUES would make them all DOUBLE.
    const values = ['12345.5::DOUBLE', '-0.001::DOUBLE', '123456789012345678.123456789::DECIMAL(38,9)', '9007199254740993::BIGINT', "'inf'::DOUBLE", '-1.5e-7::DOUBLE'];
    const cells = (await Promise.all(values.map((value) => cellsOf(`SELECT ${value} AS v`)))).flat();
    expect(cells.map((cell) => cell.text)).toEqual(['12345.5', '-0.001', '123456789012345678.123456789', '9007199254740993', 'inf', '-1.5e-07']);
    expect(shown(cells, 'fr')).toEqual(['12 345,5', '-0,001', '123 456 789 012 345 678,123456789', '9 007 199 254 740 993', 'inf', '-0,00000015']);
    expect(shown(cells, 'en')).toEqual(['12,345.5', '-0.001', '123,456,789,012,345,678.123456789', '9,007,199,254,740,993', 'inf', '-0.00000015']);
    // Morocco's conventions, Western digits.
    expect(shown(cells, 'ar')[0]).toBe('12.345,5');
  });

  it('shows dates and timestamps as the locale writes them, and leaves what it cannot show whole', async () => {
    const cells = await cellsOf(
      "SELECT * FROM (VALUES ('2024-02-29 13:04:05.789'::TIMESTAMP::VARCHAR), ('2024-02-29'), ('0044-03-15'), ('2024-02-29 13:04:05.123456'), ('2024-02-29 13:04:05')) t(v)",
    );
    // VARCHAR is text: the option never touches it.
    expect(shown(cells, 'fr')).toEqual(cells.map((cell) => cell.text));
    const dates = await cellsOf("SELECT * FROM (VALUES (DATE '2024-02-29'), (DATE '0044-03-15')) t(v)");
    expect(shown(dates, 'fr')).toEqual(['29 févr. 2024', '15 mars 44']);
    const stamps = await cellsOf(
      "SELECT * FROM (VALUES (TIMESTAMP '2024-02-29 13:04:05.789'), (TIMESTAMP '2024-02-29 13:04:05'), (TIMESTAMP '2024-02-29 13:04:05.123456')) t(v)",
    );
    expect(shown(stamps, 'fr')).toEqual(['29 févr. 2024, 13:04:05,789', '29 févr. 2024, 13:04:05', '2024-02-29 13:04:05.123456']);
    expect(shown(stamps, 'en')[1]).toBe('Feb 29, 2024, 13:04:05');
    const others = await cellsOf("SELECT * FROM (VALUES (INTERVAL 3 DAY)) t(v)");
    expect(shown(others, 'fr')).toEqual([others[0]!.text]);
  });
});
