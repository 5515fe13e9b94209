import { describe, expect, it } from 'vitest';
import { isReadOnlyStatement, splitStatements, statementAt } from '../../../shared/sql/statements';

describe('splitStatements', () => {
  it('splits on semicolons outside strings, quoted names, dollar quotes and comments', () => {
    const script = "SELECT 'a;b';\nSELECT \"x;y\" FROM t; -- c; d\nSELECT $$p;q$$;";
    expect(splitStatements(script).map((s) => s.sql)).toEqual(["SELECT 'a;b'", 'SELECT "x;y" FROM t', '-- c; d\nSELECT $$p;q$$']);
  });

  it('gives the offsets of each statement in the script', () => {
    const script = 'SELECT 1;\n\n  SELECT 2';
    const [, second] = splitStatements(script);
    expect(second?.start).toBe(script.indexOf('SELECT 2'));
    expect(script.slice(second?.start, second?.end)).toBe('SELECT 2');
  });

  it('drops statements that are only comments or blank', () => {
    expect(splitStatements('SELECT 1; -- the end\n;  ;')).toHaveLength(1);
  });
});

describe('statementAt', () => {
  const script = 'SELECT 1;\nSELECT 2;\n\nSELECT 3';
  it('finds the statement under the cursor', () => {
    expect(statementAt(script, script.indexOf('2'))?.sql).toBe('SELECT 2');
    expect(statementAt(script, script.length)?.sql).toBe('SELECT 3');
  });

  it('takes the statement just before the cursor when the cursor is between statements', () => {
    expect(statementAt(script, script.indexOf('SELECT 3') - 1)?.sql).toBe('SELECT 2');
  });

  it('returns null for an empty script', () => {
    expect(statementAt('  \n ', 1)).toBeNull();
  });
});

describe('isReadOnlyStatement', () => {
  it('tells queries, which cannot change the catalog, from statements that may', () => {
    for (const sql of ['SELECT 1', '  -- total\n/* note */ (WITH t AS (SELECT 1) SELECT * FROM t)', 'FROM penguins', 'describe penguins', 'SUMMARIZE t']) {
      expect(isReadOnlyStatement(sql), sql).toBe(true);
    }
    for (const sql of ['CREATE TABLE t AS SELECT 1', 'INSERT INTO t VALUES (1)', 'DROP VIEW v', '-- SELECT\nATTACH x', 'COPY t TO x', 'selected']) {
      expect(isReadOnlyStatement(sql), sql).toBe(false);
    }
  });
});
