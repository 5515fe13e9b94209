import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalRowText, rowDigest, typeFamily, type CheckableResult } from '../../../shared/bundles/canonicalRow';
import { checkResult, expectedResultOf } from '../../../shared/bundles/checker';
import { feedbackMessages } from '../../../shared/bundles/feedbackMessages';
import { md5Hex } from '../../../shared/bundles/md5';
import { sha256Hex } from '../../../shared/bundles/sha256';
import { createTranslator } from '../../../shared/i18n/translate';
import { CheckPolicy, ExpectedResult } from '../../../shared/contract/bundle';

const policy = (overrides: Partial<CheckPolicy> = {}): CheckPolicy => CheckPolicy.parse(overrides);
const salt = 'ab'.repeat(16);

const expectedResult: CheckableResult = {
  columns: [
    { name: 'species', type: 'VARCHAR' },
    { name: 'n', type: 'BIGINT' },
  ],
  rows: [
    ['Adelie', '152'],
    ['Chinstrap', '68'],
    ['Gentoo', '124'],
  ],
};

describe('sha256Hex and md5Hex', () => {
  it('agree with node:crypto on empty, ASCII, multi-byte and block-boundary texts', () => {
    const texts = ['', 'abc', 'é€😀 مرحبا', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(1000), randomBytes(300).toString('base64')];
    for (const text of texts) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      expect(md5Hex(text)).toBe(createHash('md5').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('canonical rows', () => {
  it('writes a number one way whatever its type printed (2.50 = 2.5, -0 = 0), and rounds to the tolerance', () => {
    const families = [typeFamily('DECIMAL(10,2)'), typeFamily('DOUBLE')];
    expect(canonicalRowText(['2.50', '2.5'], families, policy())).toBe(canonicalRowText(['2.5', '2.50000'], families, policy()));
    expect(canonicalRowText(['-0.00', '0'], families, policy())).toBe(canonicalRowText(['0', '-0'], families, policy()));
    expect(canonicalRowText(['3.14159', '1'], families, policy({ numericTolerance: 0.01 }))).toBe(
      canonicalRowText(['3.1400001', '1'], families, policy({ numericTolerance: 0.01 })),
    );
    expect(canonicalRowText(['3.14', '1'], families, policy())).not.toBe(canonicalRowText(['3.15', '1'], families, policy()));
  });

  it('keeps NULL apart from the text NULL, and trims and folds text only when the policy says so', () => {
    const families = [typeFamily('VARCHAR')];
    expect(canonicalRowText([null], families, policy())).not.toBe(canonicalRowText(['NULL'], families, policy()));
    expect(canonicalRowText([' Rain '], families, policy())).not.toBe(canonicalRowText(['rain'], families, policy()));
    expect(canonicalRowText([' Rain '], families, policy({ textLoose: true }))).toBe(canonicalRowText(['rain'], families, policy({ textLoose: true })));
  });
});

describe('checkResult', () => {
  it('accepts the expected result, in any row order and column order when neither matters', () => {
    const expected = expectedResultOf(expectedResult, policy(), salt);
    const shuffled: CheckableResult = {
      columns: [expectedResult.columns[1]!, expectedResult.columns[0]!],
      rows: [
        ['124', 'Gentoo'],
        ['152', 'Adelie'],
        ['68', 'Chinstrap'],
      ],
    };
    expect(checkResult(shuffled, expected, policy()).correct).toBe(true);
    // Column names compare as DuckDB compares identifiers: case-insensitively.
    expect(checkResult({ ...expectedResult, columns: [{ name: 'SPECIES', type: 'VARCHAR' }, { name: 'N', type: 'INTEGER' }] }, expected, policy()).correct).toBe(true);
  });

  it('says how many rows are expected, how many match, and which of the trainee’s rows are not expected', () => {
    const expected = expectedResultOf(expectedResult, policy(), salt);
    const feedback = checkResult(
      {
        columns: expectedResult.columns,
        rows: [
          ['Adelie', '152'],
          ['Gentoo', '120'],
          ['Adelie', '152'],
          ['Chinstrap', '68'],
        ],
      },
      expected,
      policy(),
    );
    expect(feedback).toMatchObject({ correct: false, expectedRowCount: 3, actualRowCount: 4, matchingRows: 2, unexpectedRows: [1, 2], wrongOrder: false });
  });

  it('names missing and extra columns, and wrong types by family', () => {
    const expected = expectedResultOf(expectedResult, policy(), salt);
    const missing = checkResult({ columns: [{ name: 'species', type: 'VARCHAR' }, { name: 'count', type: 'BIGINT' }], rows: [] }, expected, policy());
    expect(missing).toMatchObject({ correct: false, missingColumns: ['n'], extraColumns: ['count'] });
    const wrongType = checkResult({ columns: [{ name: 'species', type: 'VARCHAR' }, { name: 'n', type: 'VARCHAR' }], rows: expectedResult.rows }, expected, policy());
    expect(wrongType.wrongTypes).toEqual([{ column: 'n', expected: 'number', actual: 'text' }]);
    expect(wrongType.correct).toBe(false);
    const extra = { columns: [...expectedResult.columns, { name: 'island', type: 'VARCHAR' }], rows: expectedResult.rows.map((r) => [...r, 'Biscoe']) };
    expect(checkResult(extra, expected, policy()).extraColumns).toEqual(['island']);
    expect(checkResult(extra, expectedResultOf(expectedResult, policy({ extraColumnsAllowed: true }), salt), policy({ extraColumnsAllowed: true })).correct).toBe(true);
  });

  it('matches columns by position when the policy says so, whatever their names', () => {
    const positions = policy({ columns: 'positions' });
    const expected = expectedResultOf(expectedResult, positions, salt);
    const renamed = { columns: [{ name: 'espece', type: 'VARCHAR' }, { name: 'nombre', type: 'BIGINT' }], rows: expectedResult.rows };
    expect(checkResult(renamed, expected, positions).correct).toBe(true);
    expect(checkResult({ columns: [renamed.columns[0]!], rows: [['Adelie']] }, expected, positions).missingColumns).toEqual(['2']);
  });

  it('tells rows that are right but in the wrong order, when order matters', () => {
    const ordered = policy({ orderMatters: true });
    const expected = expectedResultOf(expectedResult, ordered, salt);
    const reversed = { columns: expectedResult.columns, rows: [...expectedResult.rows].reverse() };
    expect(checkResult(reversed, expected, ordered)).toMatchObject({ correct: false, wrongOrder: true, matchingRows: 3, unexpectedRows: [] });
    expect(checkResult(expectedResult, expected, ordered).correct).toBe(true);
  });

  it('keeps no expected value readable: only salted digests, sorted when order does not matter', () => {
    const expected = expectedResultOf(expectedResult, policy(), salt);
    const text = JSON.stringify(expected);
    for (const value of ['Adelie', 'Gentoo', '152', '124']) expect(text).not.toContain(value);
    expect(expected.rowDigests).toEqual([...expected.rowDigests].sort());
    // Another bundle's salt gives other digests for the same rows.
    expect(expectedResultOf(expectedResult, policy(), 'cd'.repeat(16)).rowDigests).not.toEqual(expected.rowDigests);
  });
});

describe('bundle formats', () => {
  it('records today’s bundles with salted MD5 digests', () => {
    const expected = expectedResultOf(expectedResult, policy(), salt);
    expect(expected.digest).toBe('md5');
    expect(expected.rowDigests).toContain(md5Hex(`${salt}\n${canonicalRowText(['Adelie', '152'], ['text', 'number'], policy())}`));
    expect(ExpectedResult.parse(JSON.parse(JSON.stringify(expected)))).toEqual(expected);
  });

  it('still reads and checks a format-1 record (no digest named: SHA-256), and refuses digests of the wrong length', () => {
    const families = expectedResult.columns.map((column) => typeFamily(column.type));
    const format1 = {
      columns: expectedResult.columns,
      rowCount: 3,
      salt,
      rowDigests: expectedResult.rows.map((row) => sha256Hex(`${salt}\n${canonicalRowText(row, families, policy())}`)).sort(),
    };
    const parsed = ExpectedResult.parse(format1);
    expect(parsed.digest).toBe('sha256');
    expect(checkResult(expectedResult, parsed, policy()).correct).toBe(true);
    expect(checkResult({ ...expectedResult, rows: [['Adelie', '152']] }, parsed, policy())).toMatchObject({ correct: false, matchingRows: 1 });
    expect(ExpectedResult.safeParse({ ...format1, digest: 'md5' }).success).toBe(false);
    expect(ExpectedResult.safeParse({ ...format1, rowDigests: [rowDigest('md5', salt, '[]')] }).success).toBe(false);
  });
});

describe('feedbackMessages', () => {
  it('teaches without giving the answer: counts, column names asked for, type families, order', () => {
    const t = createTranslator();
    const ordered = policy({ orderMatters: true });
    const expected = expectedResultOf(expectedResult, ordered, salt);
    const wrong = checkResult(
      { columns: [{ name: 'species', type: 'VARCHAR' }, { name: 'n', type: 'VARCHAR' }, { name: 'island', type: 'VARCHAR' }], rows: [['Adelie', '152', 'Biscoe']] },
      expected,
      ordered,
    );
    expect(feedbackMessages(wrong, 'names', t)).toEqual([
      'Columns not asked for: island.',
      'Column “n” should hold number values, not text.',
      'Expected rows: 3; your result has 1.',
      'Rows that match: 1 of 3.',
    ]);
    const reversed = checkResult({ columns: expectedResult.columns, rows: [...expectedResult.rows].reverse() }, expected, ordered);
    expect(feedbackMessages(reversed, 'names', t)).toEqual(['Rows that match: 3 of 3.', 'The rows are right, but not in the expected order.']);
    expect(feedbackMessages(checkResult(expectedResult, expected, ordered), 'names', t)).toEqual(['Correct!']);
  });
});
