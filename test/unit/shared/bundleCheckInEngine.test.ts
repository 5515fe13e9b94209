/**
 * The check computed in DuckDB (shared/bundles/checkInEngine.ts) gives the reference check's
 * verdicts (checker.ts, row by row over the grid's text), on the real in-app engine: the same
 * feedback, field by field, for every case, against today's records (MD5) and format-1 ones
 * (SHA-256); right rows are told by the fingerprint alone; and where SQL cannot be sure of the
 * canonical text it declines (null), so that the caller checks row by row.
 */
import { createHash } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInEngine } from '../../../shared/bundles/checkInEngine';
import { checkResult, expectedResultOf } from '../../../shared/bundles/checker';
import { checkableFromArrow } from '../../../shared/bundles/resultFromArrow';
import { CheckPolicy, RowDigestAlgorithm } from '../../../shared/contract/bundle';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

let wasm: WasmDuckdb;
beforeAll(async () => {
  wasm = await openWasmDuckdb();
}, 60_000);
afterAll(async () => wasm?.close());

const salt = 'cd'.repeat(16);
const policy = (overrides: Partial<CheckPolicy> = {}): CheckPolicy => CheckPolicy.parse(overrides);

/** Both checks of `attempt` against the record of `solution`, made with `digest` (today's by default). */
async function bothChecks(solution: string, attempt: string, checkPolicy: CheckPolicy, digest?: RowDigestAlgorithm) {
  const expected = expectedResultOf(checkableFromArrow(await wasm.queryIpc(solution)), checkPolicy, salt, digest);
  const reference = checkResult(checkableFromArrow(await wasm.queryIpc(attempt)), expected, checkPolicy);
  const inEngine = await checkInEngine((sql) => wasm.queryIpc(sql), attempt, expected, checkPolicy, 100);
  return { reference, inEngine };
}

/** The same feedback both ways, for records of either format; right rows are told by the fingerprint alone. */
async function expectSameVerdict(solution: string, attempt: string, checkPolicy: CheckPolicy = policy()) {
  let feedback;
  for (const digest of RowDigestAlgorithm.options) {
    const { reference, inEngine } = await bothChecks(solution, attempt, checkPolicy, digest);
    expect(inEngine, `the engine declined a case it supports (${digest})`).not.toBeNull();
    expect(inEngine!.feedback, digest).toEqual(reference);
    const sameRows = reference.missingColumns.length === 0 && reference.matchingRows === reference.expectedRowCount && reference.actualRowCount === reference.expectedRowCount;
    expect(inEngine!.rowsComparedBy, digest).toBe(reference.missingColumns.length > 0 ? 'columns' : sameRows ? 'fingerprint' : 'digests');
    feedback = reference;
  }
  return feedback!;
}

const penguins = "SELECT * FROM (VALUES ('Adelie', 152), ('Chinstrap', 68), ('Gentoo', 124)) AS t(species, n)";

describe('checkInEngine agrees with the row-by-row check', () => {
  it('the right rows, in another row and column order, when neither matters', async () => {
    const feedback = await expectSameVerdict(penguins, "SELECT n, species FROM (VALUES ('Gentoo', 124), ('Adelie', 152), ('Chinstrap', 68)) AS t(species, n)");
    expect(feedback.correct).toBe(true);
  });

  it('order: right rows in the wrong order when order matters, and in order', async () => {
    const ordered = policy({ orderMatters: true });
    const sorted = `${penguins} ORDER BY n DESC`;
    const wrong = await expectSameVerdict(sorted, `${penguins} ORDER BY n`, ordered);
    expect(wrong.wrongOrder).toBe(true);
    expect((await expectSameVerdict(sorted, `${penguins} ORDER BY n DESC -- a trailing comment`, ordered)).correct).toBe(true);
  });

  it('duplicates: each expected row counted once, the extra copies unexpected', async () => {
    const feedback = await expectSameVerdict(penguins, `${penguins} UNION ALL SELECT 'Adelie', 152 UNION ALL SELECT 'Adelie', 150`);
    expect(feedback.matchingRows).toBe(3);
    expect(feedback.unexpectedRows).toHaveLength(2);
  });

  it('missing, extra and mistyped columns', async () => {
    expect((await expectSameVerdict(penguins, 'SELECT species FROM (' + penguins + ')')).missingColumns).toEqual(['n']);
    expect((await expectSameVerdict(penguins, `SELECT *, 1 AS extra FROM (${penguins})`)).extraColumns).toEqual(['extra']);
    expect((await expectSameVerdict(penguins, `SELECT * FROM (${penguins}) WHERE n > 100`, policy({ columns: 'positions' }))).matchingRows).toBe(2);
  });

  it('NULL apart from the text NULL', async () => {
    const solution = "SELECT * FROM (VALUES (1, NULL), (2, 'NULL')) AS t(k, v)";
    expect((await expectSameVerdict(solution, solution)).correct).toBe(true);
    expect((await expectSameVerdict(solution, "SELECT * FROM (VALUES (1, 'NULL'), (2, NULL)) AS t(k, v)")).matchingRows).toBe(0);
  });

  it('numbers written one way: DECIMAL 2.50 = DOUBLE 2.5 = 2.500, -0.0 = 0, integers = their decimals', async () => {
    const solution = 'SELECT 2.50::DECIMAL(5,2) AS x, 0::INTEGER AS z, 7::BIGINT AS i, .5::DECIMAL(2,2) AS h';
    expect((await expectSameVerdict(solution, 'SELECT 2.5::DOUBLE AS x, (-0.0)::DOUBLE AS z, 7.000::DECIMAL(9,3) AS i, 0.5::DOUBLE AS h')).correct).toBe(true);
    expect((await expectSameVerdict(solution, "SELECT 2.51::DOUBLE AS x, '-0'::DOUBLE AS z, 7::HUGEINT AS i, 0.50::FLOAT AS h")).matchingRows).toBe(0);
  });

  it('NaN and infinities', async () => {
    const solution = "SELECT 'nan'::DOUBLE AS x UNION ALL SELECT 'inf'::DOUBLE UNION ALL SELECT '-inf'::DOUBLE UNION ALL SELECT 1.5";
    expect((await expectSameVerdict(solution, solution)).correct).toBe(true);
    await expectSameVerdict(solution, "SELECT 'nan'::DOUBLE AS x UNION ALL SELECT 'nan'::DOUBLE UNION ALL SELECT 'nan'::DOUBLE UNION ALL SELECT 1.5", policy({ numericTolerance: 0.1 }));
  });

  it('floats at the tolerance: rounding steps, halves toward +∞, negative halves', async () => {
    const tolerance = policy({ numericTolerance: 0.01 });
    const solution = 'SELECT * FROM (VALUES (1, 3.14159::DOUBLE), (2, 0.005::DOUBLE), (3, -0.005::DOUBLE), (4, 0.0049::DOUBLE), (5, 2.675::DECIMAL(6,3)), (6, 1e15::DOUBLE)) AS t(k, x)';
    expect((await expectSameVerdict(solution, solution, tolerance)).correct).toBe(true);
    const near = 'SELECT * FROM (VALUES (1, 3.1400001::DOUBLE), (2, 0.0051::DOUBLE), (3, -0.0049::DOUBLE), (4, 0.0051::DOUBLE), (5, 2.675::DOUBLE), (6, 1e15::DOUBLE)) AS t(k, x)';
    await expectSameVerdict(solution, near, tolerance);
    await expectSameVerdict(solution, 'SELECT k, x::FLOAT AS x FROM (' + solution + ')', tolerance);
    await expectSameVerdict(solution, 'SELECT k::TINYINT AS k, x::DECIMAL(20,4) AS x FROM (' + solution + ')', policy({ numericTolerance: 0.5 }));
  });

  it('text: quotes, backslashes, tabs and newlines, and the loose policy on ASCII', async () => {
    const solution = "SELECT * FROM (VALUES ('say \"hi\"'), ('back\\slash'), ('tab' || chr(9) || 'and' || chr(10) || 'line'), (' Rain ')) AS t(s)";
    expect((await expectSameVerdict(solution, solution)).correct).toBe(true);
    expect((await expectSameVerdict(solution, "SELECT * FROM (VALUES ('say \"hi\"'), ('back\\slash'), ('tab' || chr(9) || 'and' || chr(10) || 'line'), ('rain')) AS t(s)")).matchingRows).toBe(3);
    expect(
      (await expectSameVerdict(solution, "SELECT * FROM (VALUES ('SAY \"HI\"'), ('back\\slash'), ('tab' || chr(9) || 'and' || chr(10) || 'line'), ('rain' || chr(9))) AS t(s)", policy({ textLoose: true }))).correct,
    ).toBe(true);
  });

  it('booleans, dates and timestamps, also before year 1', async () => {
    const solution = "SELECT true AS b, DATE '2024-02-29' AS d, TIMESTAMP '2024-01-01 10:00:00.5' AS t UNION ALL SELECT false, DATE '0044-03-15 (BC)', TIMESTAMP '1970-01-01'";
    expect((await expectSameVerdict(solution, solution)).correct).toBe(true);
    expect((await expectSameVerdict(solution, "SELECT true AS b, DATE '2024-02-28' AS d, TIMESTAMP '2024-01-01 10:00:00.5' AS t UNION ALL SELECT false, DATE '0044-03-15 (BC)', TIMESTAMP '1970-01-01'")).matchingRows).toBe(1);
  });
});

describe('the MD5 fingerprint reads what both engines compute', () => {
  // The fast path sums pieces of md5_number, and the bundle holds md5's hex: they must be the same
  // 16 bytes, read little-endian, on duckdb-wasm and on native DuckDB alike.
  const texts = ['', 'abc', 'ab'.repeat(8) + '\n["1","Adelie"]', 'Été 😀 مرحبا', 'x'.repeat(200)];
  const littleEndian = (text: string): string => {
    const bytes = createHash('md5').update(text, 'utf8').digest();
    return (bytes.readBigUInt64LE(0) + (bytes.readBigUInt64LE(8) << 64n)).toString();
  };
  const sql = `SELECT ${texts.map((text, i) => `md5_number(${quoteLiteral(text)})::VARCHAR AS n${i}, md5(${quoteLiteral(text)}) AS h${i}`).join(', ')}`;
  const expectBytes = (row: Record<string, unknown>): void =>
    texts.forEach((text, i) => {
      expect(row[`n${i}`], text).toBe(littleEndian(text));
      expect(row[`h${i}`], text).toBe(createHash('md5').update(text, 'utf8').digest('hex'));
    });

  it('on duckdb-wasm', async () => {
    expectBytes((await wasm.queryIpc(sql)).get(0)!.toJSON());
  });

  it('on native DuckDB', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    try {
      const connection = await instance.connect();
      expectBytes((await connection.runAndReadAll(sql)).getRowObjectsJson()[0]!);
      connection.closeSync();
    } finally {
      instance.closeSync();
    }
  });
});

describe('checkInEngine declines what only the row-by-row check writes surely', () => {
  it('a number DuckDB writes with an exponent, a rare control character, non-ASCII text to fold, an unsupported type, a failing statement', async () => {
    const declined = async (solution: string, attempt: string, checkPolicy = policy()) => (await bothChecks(solution, attempt, checkPolicy)).inEngine;
    expect(await declined('SELECT 1e-7::DOUBLE AS x', 'SELECT 1e-7::DOUBLE AS x')).toBeNull();
    expect(await declined("SELECT 'a' || chr(1) AS s", "SELECT 'a' || chr(1) AS s")).toBeNull();
    expect(await declined("SELECT 'Été' AS s", "SELECT 'été' AS s", policy({ textLoose: true }))).toBeNull();
    expect(await declined("SELECT INTERVAL 1 DAY AS i", "SELECT INTERVAL 1 DAY AS i")).toBeNull();
    const expected = expectedResultOf(checkableFromArrow(await wasm.queryIpc('SELECT 1 AS x')), policy(), salt);
    expect(await checkInEngine((sql) => wasm.queryIpc(sql), 'SELECT no_such_column', expected, policy(), 100)).toBeNull();
  });

  it('a statement that would break out of its subquery: never run wrapped, so nothing it smuggles runs and no verdict differs from the re-grade', async () => {
    await wasm.queryIpc('CREATE TABLE smuggled (v INTEGER)');
    const expected = expectedResultOf(checkableFromArrow(await wasm.queryIpc('SELECT 1 AS a')), policy(), salt);
    const check = (attempt: string) => checkInEngine((sql) => wasm.queryIpc(sql), attempt, expected, policy(), 100);
    // Closes the wrapper's parenthesis, runs a statement of its own, reopens one.
    expect(await check('SELECT 1 AS a) AS q; INSERT INTO smuggled VALUES (42); SELECT * FROM (SELECT 1 AS a')).toBeNull();
    // Invalid on its own, but a cross join once wrapped.
    expect(await check('SELECT 1 AS a) AS trainee, (SELECT 2 AS b')).toBeNull();
    expect(await check('SELECT 1 AS a; SELECT 2 AS b')).toBeNull();
    expect(checkableFromArrow(await wasm.queryIpc('SELECT count(*)::INTEGER AS n FROM smuggled')).rows).toEqual([['0']]);
    // Parentheses inside strings, quoted names and comments are not the statement's own.
    expect(await check(`SELECT 1 AS "a)" -- )\n`)).not.toBeNull();
    expect(await check("SELECT length(')') AS a /* ( */")).not.toBeNull();
  });

  it('while plain non-ASCII text is checked in the engine', async () => {
    await expectSameVerdict("SELECT 'Été 😀 مرحبا' AS s", "SELECT 'Été 😀 مرحبا' AS s");
  });
});
