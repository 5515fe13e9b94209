/**
 * The walks over DuckDB's own JSON (json_serialize_sql, json_serialize_plan), on JSON that a real
 * DuckDB produced for each query.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { parseSerializedSql, queryReads, tableFunctionsCalled, tableNamesRead } from '../../../shared/sql/serializedSql';
import { summarizePlans } from '../../../shared/sql/serializedPlan';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

async function serialized(fn: 'json_serialize_sql' | 'json_serialize_plan', sql: string): Promise<string> {
  return String((await connection.runAndReadAll(`SELECT ${fn}(${quoteLiteral(sql)})::VARCHAR`)).getRows()[0]![0]);
}

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run("ATTACH ':memory:' AS other");
  await connection.run('CREATE TABLE sales (region VARCHAR, amount INTEGER); CREATE TABLE other.main.targets (region VARCHAR)');
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

describe('what a query reads (json_serialize_sql)', () => {
  it('names the tables a query reads, qualified as written, through joins, subqueries and CTE bodies, but not the CTEs', async () => {
    const json = await serialized(
      'json_serialize_sql',
      `WITH totals AS (SELECT region, sum(amount) AS total FROM sales GROUP BY ALL)
       SELECT * FROM totals JOIN other.main.targets USING (region)
       WHERE region IN (SELECT region FROM "Odd Name") AND EXISTS (SELECT 1 FROM main.sales)`,
    );
    expect(tableNamesRead(json).sort()).toEqual(['Odd Name', 'main.sales', 'other.main.targets', 'sales']);
    expect(tableFunctionsCalled(json)).toEqual([]);
  });

  it('names the table functions a query calls, and accepts the parsed statements as well as the text', async () => {
    const json = await serialized('json_serialize_sql', "SELECT * FROM read_csv('a.csv') UNION ALL SELECT * FROM query('SELECT 1') UNION ALL SELECT range FROM range(3)");
    expect(tableFunctionsCalled(json).sort()).toEqual(['query', 'range', 'read_csv']);
    const parsed = parseSerializedSql(json);
    expect(parsed.error).toBe(false);
    if (!parsed.error) expect(queryReads(parsed.statements).tableFunctions.sort()).toEqual(['query', 'range', 'read_csv']);
  });

  it('reports DuckDB’s refusal to serialize anything but a query, and reads nothing from it', async () => {
    const json = await serialized('json_serialize_sql', "COPY sales TO 'x.csv'");
    expect(parseSerializedSql(json)).toMatchObject({ error: true, error_message: expect.stringMatching(/Only SELECT/) });
    expect(tableNamesRead(json)).toEqual([]);
    expect(parseSerializedSql('not json')).toMatchObject({ error: true });
  });
});

describe('what a write changes (json_serialize_plan)', () => {
  it('gives each write’s target as the binder resolved it', async () => {
    const plans = async (sql: string) => {
      const parsed = JSON.parse(await serialized('json_serialize_plan', sql)) as { plans: unknown[] };
      return summarizePlans(parsed.plans);
    };
    expect((await plans("INSERT INTO other.targets VALUES ('north')")).writes).toEqual([{ operator: 'LOGICAL_INSERT', catalog: 'other', schema: 'main', name: 'targets' }]);
    expect((await plans('CREATE TEMP TABLE t AS SELECT 1')).writes).toEqual([{ operator: 'LOGICAL_CREATE_TABLE', catalog: 'temp', schema: 'main', name: 't' }]);
    expect((await plans('CREATE VIEW v AS SELECT * FROM sales')).writes).toEqual([{ operator: 'LOGICAL_CREATE_VIEW', catalog: 'memory', schema: 'main', name: 'v' }]);
    expect((await plans('DROP TABLE sales')).writes).toEqual([{ operator: 'LOGICAL_DROP', catalog: 'memory', schema: 'main', name: 'sales' }]);
    const update = await plans('UPDATE sales SET amount = 0');
    expect(update.writes).toEqual([{ operator: 'LOGICAL_UPDATE', catalog: 'memory', schema: 'main', name: 'sales' }]);
    expect(update.operators).toContain('LOGICAL_GET');
    expect((await plans('SELECT * FROM range(3)')).tableFunctions).toEqual(['range']);
  });
});
