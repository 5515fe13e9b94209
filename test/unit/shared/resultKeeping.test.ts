import { describe, expect, it } from 'vitest';
import { resultKeeping } from '../../../shared/sql/resultKeeping';

describe('resultKeeping: how a large in-app result may become a table in the engine', () => {
  it('streams a query that gives the same rows when run again, then keeps it as a table', () => {
    for (const sql of [
      "SELECT range AS id, 'row ' || range AS label FROM range(10000000)",
      '-- note\n(WITH t AS (SELECT 1 AS a) SELECT * FROM t)',
      'FROM penguins',
      'VALUES (1), (2)',
      'PIVOT cities ON year USING sum(population)',
      // A column named like a function is not a call.
      'SELECT now_playing, random_seed FROM songs',
    ]) {
      expect(resultKeeping(sql), sql).toBe('streamThenTable');
    }
  });

  it('keeps a query whose rows change from run to run, or that changes a sequence, before reading it', () => {
    for (const sql of [
      'SELECT random() FROM range(100000)',
      "SELECT nextval('ids') FROM range(10)",
      'SELECT gen_random_uuid()',
      'SELECT now(), range FROM range(5)',
      'SELECT current_timestamp',
      'SELECT * FROM big USING SAMPLE 10%',
      'SELECT * FROM big TABLESAMPLE 5 ROWS',
      // A quoted function name is still a call.
      'SELECT "nextval"(\'ids\') FROM range(10)',
    ]) {
      expect(resultKeeping(sql), sql).toBe('tableFirst');
    }
  });

  it('holds in the page what is not a query, or a WITH that writes', () => {
    for (const sql of [
      'INSERT INTO t SELECT * FROM range(10) RETURNING *',
      'SUMMARIZE t',
      'DESCRIBE t',
      'SHOW TABLES',
      'EXPLAIN SELECT 1',
      'CALL pragma_version()',
      'WITH src AS (SELECT 1 AS a) INSERT INTO t SELECT * FROM src RETURNING *',
      'WITH s AS (SELECT 1 AS a) INSERT OR REPLACE INTO t SELECT * FROM s RETURNING *',
      'WITH s AS (SELECT 1 AS a) INSERT OR IGNORE INTO t SELECT * FROM s RETURNING *',
      'WITH s AS (SELECT 1 AS a) UPDATE main.t SET a = s.a FROM s RETURNING *',
      'WITH s AS (SELECT 1 AS a) UPDATE t AS x SET a = 2 RETURNING *',
      'WITH s AS (SELECT 1 AS a) DELETE FROM t USING s RETURNING *',
      'WITH s AS (SELECT 1 AS a) MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE',
    ]) {
      expect(resultKeeping(sql), sql).toBe('none');
    }
  });
});
