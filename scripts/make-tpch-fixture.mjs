/**
 * Builds test/fixtures/tpch-mini: a small, referentially consistent sample of TPC-H SF 0.1, for
 * tests that must run on a fresh clone (the engine parity test). Run it with native DuckDB from the
 * repository root:
 *
 *   node scripts/make-tpch-fixture.mjs [path/to/tpch]     (default: /work/shared/tpch)
 *
 * The source folder holds sf0.1/<table>.parquet and queries/q01.sql … q22.sql. The sample:
 *
 * - orders: every 30th order (o_orderkey % 30 = 0), plus the few orders q18 and q19 look for
 *   (lines totalling more than 300 in quantity; lines that pass q19's filter), which a sample
 *   this thin would otherwise miss;
 * - lineitem: every line of those orders, so each order stays whole;
 * - partsupp: the (part, supplier) pairs those lines name, plus every pair of every 20th part;
 * - part: the parts partsupp names;
 * - customer: the customers of those orders, plus every 4th customer (q13 and q22 need customers
 *   without orders);
 * - supplier, nation, region: whole.
 *
 * Every foreign key still finds its row (the script checks). Rows are written in key order,
 * zstd-compressed (the same input gives the same bytes), and the 22 query files are copied into
 * queries/. The script prints the tables' sizes and each query's row
 * count over the sample, naming the queries that return no rows.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { copyFile, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const source = path.resolve(process.argv[2] ?? '/work/shared/tpch');
const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'tpch-mini');

const sqlString = (text) => `'${text.replaceAll("'", "''")}'`;

/** In dependency order: each table's rows are chosen from the tables before it. */
const tables = [
  [
    'orders',
    `SELECT * FROM src.orders
     WHERE o_orderkey % 30 = 0
        OR o_orderkey IN (SELECT l_orderkey FROM src.lineitem GROUP BY l_orderkey HAVING sum(l_quantity) > 300)
        OR o_orderkey IN (
          SELECT l_orderkey FROM src.lineitem JOIN src.part ON p_partkey = l_partkey
          WHERE l_shipmode IN ('AIR', 'AIR REG') AND l_shipinstruct = 'DELIVER IN PERSON' AND (
               (p_brand = 'Brand#12' AND p_container IN ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG') AND l_quantity BETWEEN 1 AND 11 AND p_size BETWEEN 1 AND 5)
            OR (p_brand = 'Brand#23' AND p_container IN ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK') AND l_quantity BETWEEN 10 AND 20 AND p_size BETWEEN 1 AND 10)
            OR (p_brand = 'Brand#34' AND p_container IN ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG') AND l_quantity BETWEEN 20 AND 30 AND p_size BETWEEN 1 AND 15)))
     ORDER BY o_orderkey`,
  ],
  ['lineitem', `SELECT * FROM src.lineitem WHERE l_orderkey IN (SELECT o_orderkey FROM orders) ORDER BY l_orderkey, l_linenumber`],
  [
    'partsupp',
    `SELECT * FROM src.partsupp
     WHERE ps_partkey % 20 = 0 OR (ps_partkey, ps_suppkey) IN (SELECT (l_partkey, l_suppkey) FROM lineitem)
     ORDER BY ps_partkey, ps_suppkey`,
  ],
  ['part', `SELECT * FROM src.part WHERE p_partkey IN (SELECT ps_partkey FROM partsupp) ORDER BY p_partkey`],
  ['customer', `SELECT * FROM src.customer WHERE c_custkey % 4 = 0 OR c_custkey IN (SELECT o_custkey FROM orders) ORDER BY c_custkey`],
  ['supplier', `SELECT * FROM src.supplier ORDER BY s_suppkey`],
  ['nation', `SELECT * FROM src.nation ORDER BY n_nationkey`],
  ['region', `SELECT * FROM src.region ORDER BY r_regionkey`],
];

/** Each child column, the parent it must find, as `child table.column -> parent table.column`. */
const foreignKeys = [
  ['lineitem', 'l_orderkey', 'orders', 'o_orderkey'],
  ['lineitem', '(l_partkey, l_suppkey)', 'partsupp', '(ps_partkey, ps_suppkey)'],
  ['partsupp', 'ps_partkey', 'part', 'p_partkey'],
  ['partsupp', 'ps_suppkey', 'supplier', 's_suppkey'],
  ['orders', 'o_custkey', 'customer', 'c_custkey'],
  ['customer', 'c_nationkey', 'nation', 'n_nationkey'],
  ['supplier', 's_nationkey', 'nation', 'n_nationkey'],
  ['nation', 'n_regionkey', 'region', 'r_regionkey'],
];

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const scalar = async (sql) => (await connection.runAndReadAll(sql)).getRows()[0]?.[0];

await connection.run('CREATE SCHEMA src');
for (const [table] of tables) {
  await connection.run(`CREATE VIEW src.${table} AS SELECT * FROM read_parquet(${sqlString(path.join(source, 'sf0.1', `${table}.parquet`))})`);
}
for (const [table, sql] of tables) await connection.run(`CREATE TABLE ${table} AS ${sql}`);

for (const [child, childKey, parent, parentKey] of foreignKeys) {
  const orphans = await scalar(`SELECT count(*) FROM ${child} WHERE ${childKey} NOT IN (SELECT ${parentKey} FROM ${parent})`);
  if (orphans !== 0n) throw new Error(`${orphans} rows of ${child} find no ${parent}`);
}

// Replaces the tables and queries; README.md stays.
await rm(path.join(target, 'queries'), { recursive: true, force: true });
await mkdir(path.join(target, 'queries'), { recursive: true });
let total = 0;
console.log('table        rows    bytes');
for (const [table] of tables) {
  const file = path.join(target, `${table}.parquet`);
  await connection.run(`COPY ${table} TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 19)`);
  const { size } = await stat(file);
  total += size;
  console.log(`${table.padEnd(10)} ${String(await scalar(`SELECT count(*) FROM ${table}`)).padStart(6)} ${String(size).padStart(8)}`);
}
console.log(`total             ${String(total).padStart(8)}`);

const queryFiles = (await readdir(path.join(source, 'queries'))).filter((name) => /^q\d\d\.sql$/.test(name)).sort();
const empty = [];
const counts = [];
for (const name of queryFiles) {
  await copyFile(path.join(source, 'queries', name), path.join(target, 'queries', name));
  const reader = await connection.runAndReadAll(await readFile(path.join(source, 'queries', name), 'utf8'));
  const rows = reader.getRows();
  // An aggregate over no rows still gives one row, of NULLs: count that as empty too.
  const noRows = rows.length === 0 || (rows.length === 1 && rows[0].every((value) => value === null));
  if (noRows) empty.push(name);
  counts.push(`${name.slice(0, 3)}: ${rows.length}${noRows && rows.length ? ' (NULL)' : ''}`);
}
console.log(counts.join(', '));
console.log(empty.length ? `No rows: ${empty.join(', ')}` : 'Every query returns rows.');

connection.closeSync();
instance.closeSync();
