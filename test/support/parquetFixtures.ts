import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../../shared/sql/identifiers';

/**
 * Writes an orders-like Parquet file with native DuckDB: BIGINT keys, DECIMAL(15,2) money, DATEs and
 * text, `rows` rows, deterministic. Tests make their own data rather than depend on files elsewhere.
 */
export async function writeOrdersParquet(file: string, rows: number): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`
      COPY (
        SELECT range::BIGINT AS o_orderkey,
               (range % 1000)::INTEGER AS o_custkey,
               ((range * 7919) % 100000 / 100 + 1)::DECIMAL(15,2) AS o_totalprice,
               DATE '1992-01-01' + (range % 2400)::INTEGER AS o_orderdate,
               ['1-URGENT', '2-HIGH', '3-MEDIUM'][range % 3 + 1] AS o_orderpriority,
               'order comment ' || range AS o_comment
        FROM range(${Math.floor(rows)})
      ) TO ${quoteLiteral(file)} (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** One value computed by native DuckDB itself, to compare what the app shows against. */
export async function nativeValue(sql: string): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return String((await connection.runAndReadAll(sql)).getRows()[0]?.[0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
