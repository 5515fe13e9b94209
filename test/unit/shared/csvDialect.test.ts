import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCsvTable } from '../../../shared/engine/wasmCsvLoad';
import { csvRelationSql, csvRows, csvSampleOf, diagnoseCsvDialect, type CsvSample } from '../../../shared/formats/csvDialect';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

const whole = (text: string): CsvSample => ({ text, complete: true });

describe('csvRows', () => {
  it('reads quoted delimiters, doubled quotes, newlines in fields, CRLF and a BOM', () => {
    expect(csvRows('\uFEFFa,b\r\n1,"x, ""y"""\r\n2,"two\r\nlines"\r\n\r\n3,', ',', true)).toEqual([
      ['a', 'b'],
      ['1', 'x, "y"'],
      ['2', 'two\r\nlines'],
      ['3', ''],
    ]);
  });

  it('leaves out a last row that may be cut short when the text is not the whole file', () => {
    expect(csvRows('a;b\n1;2\n3;4', ';', false)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('diagnoseCsvDialect', () => {
  it('finds a decimal comma in a semicolon file, not in a file whose numbers use dots', () => {
    expect(diagnoseCsvDialect(whole('produit;prix;quantité\r\nÉclair;3,50;2\r\nCafé;1,20;10\r\n'), 'csv')).toEqual({ delimiter: ';', decimalComma: true, groupedNumbers: [] });
    expect(diagnoseCsvDialect(whole('a;b\n1.5;2\n'), 'csv')).toEqual({ delimiter: ';', decimalComma: false, groupedNumbers: [] });
    // A comma-separated file cannot have unquoted decimal commas: DuckDB would refuse the option.
    expect(diagnoseCsvDialect(whole('a,b\n"1,5",2\n'), 'csv').decimalComma).toBe(false);
  });

  it('finds columns whose thousands are grouped by any of the three spaces, or by a dot where it cannot be a decimal point', () => {
    const { groupedNumbers } = diagnoseCsvDialect(
      whole('a;b;c;d;e\n1 234,5;1\u00a0000;1.234,5;1.234;x\n3,25;2\u202f000;7;5.678;1 234\n'),
      'csv',
    );
    expect(groupedNumbers).toEqual([
      { name: 'a', grouping: 'space', type: 'DOUBLE' },
      { name: 'b', grouping: 'space', type: 'BIGINT' },
      { name: 'c', grouping: 'dot', type: 'DOUBLE' },
    ]);
    // 1.234 alone may be a decimal: with a decimal comma elsewhere in the file it is not.
    expect(diagnoseCsvDialect(whole('a;b;c\n1.234;2,5;1,5\n5.678;3;2\n'), 'csv').groupedNumbers).toEqual([{ name: 'a', grouping: 'dot', type: 'BIGINT' }]);
  });

  it('converts no column it could not name as DuckDB does, nor one under a missing header', () => {
    expect(diagnoseCsvDialect(whole('a;a\n1 234;1 234\n'), 'csv').groupedNumbers).toEqual([]);
    expect(diagnoseCsvDialect(whole('1 000;2\n1 234;3\n'), 'csv').groupedNumbers).toEqual([]);
    expect(diagnoseCsvDialect(whole(''), 'csv')).toEqual({ delimiter: null, decimalComma: false, groupedNumbers: [] });
  });
});

describe('the read_csv of a dialect, on the in-app engine', () => {
  let wasm: WasmDuckdb;
  beforeAll(async () => {
    wasm = await openWasmDuckdb();
  });
  afterAll(async () => {
    await wasm?.close();
  });

  it('refuses a value past the sample that is not written like the sample’s, instead of rounding or misreading it', async () => {
    const file = 'ville;habitants\nParis;2 133 111\nLyon;522 250\nNantes;12.5\n';
    // The dialect read from the first rows only, as from the first MiB of a large file.
    const dialect = diagnoseCsvDialect(csvSampleOf(new TextEncoder().encode(file.slice(0, 40)), file.length), 'csv');
    expect(dialect.groupedNumbers).toEqual([{ name: 'habitants', grouping: 'space', type: 'BIGINT' }]);
    await wasm.registerFile('past_sample.csv', new TextEncoder().encode(file));
    await expect(wasm.query(`SELECT * FROM ${csvRelationSql('past_sample.csv', 'csv', dialect)}`)).rejects.toThrow("Could not convert string '12.5' to BIGINT in column habitants");
  });

  it('reads a TSV whose numbers have decimal commas and grouped thousands as DOUBLE', async () => {
    const bytes = new TextEncoder().encode('ville\tmontant\nLyon\t12,5\nParis\t1 030,25\n');
    await wasm.registerFile('tabs.tsv', bytes.slice());
    await createCsvTable(wasm, 'tabs', 'tabs.tsv', 'tsv', csvSampleOf(bytes));
    const table = await wasm.query('SELECT montant::VARCHAR AS m, typeof(montant) AS t FROM tabs');
    expect(table.toArray().map((row) => `${row.m} ${row.t}`)).toEqual(['12.5 DOUBLE', '1030.25 DOUBLE']);
  });
});
