import { describe, expect, it } from 'vitest';
import { diagnoseCsv, likelyDelimiter } from '../../../shared/formats/csvDiagnosis';

describe('diagnoseCsv', () => {
  it('finds nothing wrong with a well-formed file, quoted delimiters and newlines included', () => {
    expect(diagnoseCsv('a,b\n1,"x, y"\n2,"multi\nline"\n3,"say ""hi"""\n', ',', true)).toBeNull();
    expect(diagnoseCsv('a;b\r\n1;2\r\n\r\n3;4', ';', true)).toBeNull();
  });

  it('names the first row whose field count differs from the header', () => {
    expect(diagnoseCsv('name,age,city\nAnn,31,Paris\nBob,42\nCid,25,Lyon,extra\n', ',', true)).toEqual({
      kind: 'ragged',
      line: 3,
      found: 2,
      expected: 3,
    });
  });

  it('counts lines inside quoted fields when naming a line', () => {
    expect(diagnoseCsv('a,b\n1,"two\nlines"\n3\n', ',', true)).toEqual({ kind: 'ragged', line: 4, found: 1, expected: 2 });
  });

  it('reports a quote that is never closed, where it was opened', () => {
    expect(diagnoseCsv('name,comment\nAnn,"fine"\nBob,"unterminated\nCid,ok\n', ',', true)).toEqual({ kind: 'unclosedQuote', line: 3 });
  });

  it('does not judge an incomplete sample by its cut-off last row or open quote', () => {
    expect(diagnoseCsv('a,b\n1,2\n3', ',', false)).toBeNull();
    expect(diagnoseCsv('a,b\n1,"long text cut', ',', false)).toBeNull();
  });
});

describe('likelyDelimiter', () => {
  it('picks the most frequent usual delimiter of a header line', () => {
    expect(likelyDelimiter('a,b,c')).toBe(',');
    expect(likelyDelimiter('produit;prix;quantité')).toBe(';');
    expect(likelyDelimiter('a\tb')).toBe('\t');
    expect(likelyDelimiter('justonecolumn')).toBeNull();
  });
});
