import { describe, expect, it } from 'vitest';
import { heldMayRunAgain, resultKeeping, volatileObjects } from '../../../shared/sql/resultKeeping';

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

  it('keeps a query whose rows change from run to run before reading it', () => {
    for (const sql of [
      'SELECT random() FROM range(100000)',
      "SELECT currval('ids') FROM range(10)",
      'SELECT gen_random_uuid()',
      'SELECT now(), range FROM range(5)',
      'SELECT current_timestamp',
      'SELECT * FROM big USING SAMPLE 10%',
      'SELECT * FROM big TABLESAMPLE 5 ROWS',
      // A quoted function name is still a call.
      'SELECT "random"() FROM range(10)',
    ]) {
      expect(resultKeeping(sql), sql).toBe('tableFirst');
    }
  });

  it('holds in the page what is not a query, a WITH that writes, or a query that changes a sequence', () => {
    for (const sql of [
      // Made a table in the engine's own database, it would write two databases in one transaction.
      "SELECT nextval('ids') FROM range(10)",
      'SELECT "nextval"(\'ids\') FROM range(10)',
      "SELECT setval('ids', 1)",
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

describe('volatileObjects: views and macros whose rows change from run to run', () => {
  const definitions = [
    { name: 'picked', body: 'CREATE VIEW picked AS SELECT * FROM penguins USING SAMPLE 10 ROWS;' },
    { name: 'Picked_Again', body: 'CREATE VIEW picked_again AS SELECT * FROM PICKED WHERE n > 1;' },
    { name: 'next_id', body: "nextval('ids')" },
    { name: 'numbered', body: 'CREATE VIEW numbered AS SELECT next_id() AS id, * FROM picked;' },
    { name: 'steady', body: 'CREATE VIEW steady AS SELECT species, count(*) FROM penguins GROUP BY ALL;' },
    // Names a volatile view only inside a longer word: not a use of it.
    { name: 'unpicked', body: 'CREATE VIEW unpicked AS SELECT * FROM picked_history;' },
  ];

  it('finds those whose body calls a volatile function or changes a sequence, and those that name one, through any depth', () => {
    expect([...volatileObjects(definitions)].sort()).toEqual([
      ['next_id', 'changesSequence'],
      ['numbered', 'changesSequence'],
      ['picked', 'varies'],
      ['picked_again', 'varies'],
    ]);
  });

  it('keeps a query that names one as if it called the function itself, whatever the case of the name', () => {
    const objects = volatileObjects(definitions);
    expect(resultKeeping('SELECT * FROM Picked_Again ORDER BY 1', objects)).toBe('tableFirst');
    expect(resultKeeping('SELECT * FROM "picked"', objects)).toBe('tableFirst');
    expect(resultKeeping('SELECT next_id() AS id FROM range(10)', objects)).toBe('none');
    expect(resultKeeping('SELECT * FROM numbered', objects)).toBe('none');
    expect(resultKeeping('SELECT * FROM steady JOIN unpicked USING (species)', objects)).toBe('streamThenTable');
    expect(resultKeeping('SELECT * FROM picked_history', objects)).toBe('streamThenTable');
  });
});

describe('heldMayRunAgain: whether a result held in the page may be sorted or filtered by running its statement again', () => {
  it('lets statements that only read run again, and nothing that writes or changes a sequence', () => {
    for (const sql of ['SUMMARIZE t', '-- shape\nDESCRIBE t', 'DESC t', 'SHOW TABLES', 'show all tables']) expect(heldMayRunAgain(sql), sql).toBe(true);
    for (const sql of [
      'INSERT INTO t VALUES (1) RETURNING *',
      'WITH s AS (SELECT 1 AS a) DELETE FROM t USING s RETURNING *',
      "SELECT nextval('ids') FROM range(3)",
      'CREATE OR REPLACE TABLE t AS SELECT random() AS x',
      'EXPLAIN SELECT 1',
      'CALL pragma_version()',
    ]) {
      expect(heldMayRunAgain(sql), sql).toBe(false);
    }
  });
});
