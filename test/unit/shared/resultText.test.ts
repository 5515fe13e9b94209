import { describe, expect, it } from 'vitest';
import { resultAsText } from '../../../shared/formats/resultText';

const header = ['name', 'note'];
const rows = [
  ['Ada', 'says "hi", twice'],
  ['Alan', null],
  ['Grace', 'a|b\nc\td'],
];

describe('resultAsText', () => {
  it('writes CSV with RFC 4180 quoting and NULL as an empty field', () => {
    expect(resultAsText('csv', header, rows)).toBe('name,note\r\nAda,"says ""hi"", twice"\r\nAlan,\r\nGrace,"a|b\nc\td"\r\n');
  });

  it('writes TSV, quoting only fields that need it', () => {
    expect(resultAsText('tsv', header, rows)).toBe('name\tnote\r\nAda\t"says ""hi"", twice"\r\nAlan\t\r\nGrace\t"a|b\nc\td"\r\n');
  });

  it('writes a Markdown table with pipes escaped and line breaks kept', () => {
    expect(resultAsText('markdown', header, rows)).toBe(
      '| name | note |\n| --- | --- |\n| Ada | says "hi", twice |\n| Alan | *NULL* |\n| Grace | a\\|b<br>c\td |\n',
    );
  });
});
