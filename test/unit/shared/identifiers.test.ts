import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdentifier, quoteIdentifierIfNeeded, quoteLiteral, tableNameForFile } from '../../../shared/sql/identifiers';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

describe('tableNameForFile', () => {
  it('names a table after the file, without its extension', () => {
    expect(tableNameForFile('penguins.csv', [])).toBe('penguins');
    expect(tableNameForFile('Sales Report 2024.CSV', [])).toBe('sales_report_2024');
  });

  it('keeps accented and Arabic letters, which DuckDB accepts in identifiers', () => {
    expect(tableNameForFile('données été.csv', [])).toBe('données_été');
    expect(tableNameForFile('مبيعات 2024.csv', [])).toBe('مبيعات_2024');
  });

  it('prefixes names that would start with a digit and replaces empty names', () => {
    expect(tableNameForFile('2024-sales.csv', [])).toBe('t_2024_sales');
    expect(tableNameForFile('---.csv', [])).toBe('table');
  });

  it('drops a compression suffix with the extension', () => {
    expect(tableNameForFile('trips.csv.gz', [])).toBe('trips');
  });

  it('makes names unique, comparing case-insensitively as DuckDB does', () => {
    expect(tableNameForFile('penguins.csv', ['Penguins'])).toBe('penguins_2');
    expect(tableNameForFile('penguins.csv', ['penguins', 'penguins_2'])).toBe('penguins_3');
  });
});

describe('quoting', () => {
  it('doubles quotes inside identifiers and literals', () => {
    expect(quoteIdentifier('a "b"')).toBe('"a ""b"""');
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });
});

describe('quoteIdentifierIfNeeded', () => {
  let engine: WasmDuckdb;
  beforeAll(async () => {
    engine = await openWasmDuckdb();
  });
  afterAll(() => engine.close());

  it('quotes keywords, which bare would be invalid SQL or another meaning', () => {
    expect(quoteIdentifierIfNeeded('group')).toBe('"group"');
    expect(quoteIdentifierIfNeeded('order')).toBe('"order"');
    expect(quoteIdentifierIfNeeded('ORDER')).toBe('"ORDER"');
    expect(quoteIdentifierIfNeeded('year')).toBe('"year"');
    expect(quoteIdentifierIfNeeded('flipper_length_mm')).toBe('flipper_length_mm');
    expect(quoteIdentifierIfNeeded('Total')).toBe('Total');
  });

  it('writes every name so that DuckDB reads back that very column', async () => {
    const names = ['group', 'order', 'select', 'from', 'Name', 'x1', '_x', '1a', 'a b', 'x"y', 'été', 'مبيعات', 'cancel_reason', 'year'];
    for (const name of names) {
      const sql = `SELECT ${quoteIdentifierIfNeeded(name)} AS found FROM (SELECT 42 AS ${quoteIdentifier(name)})`;
      const table = await engine.query(sql);
      expect(table.getChildAt(0)?.get(0), sql).toBe(42);
    }
  });
});
