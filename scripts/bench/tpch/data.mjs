/**
 * The TPC-H data a benchmark run uses, at one of two scales:
 *
 * - '0.1': the shared SF 0.1 Parquet files as they are; reference answers in answers/sf0.1.
 * - 'x10': SF-1-sized tables made from the SF 0.1 files as the shared README describes: ten copies
 *   of each table except nation and region, the key columns of copy i shifted by i × (the largest
 *   key at SF 0.1), so keys stay unique and every join stays within its copy. Text columns are left
 *   as they are. This is not TPC-H SF 1 (the generator was not run again), so answers/sf1 does not
 *   apply; sums and counts are ten times SF 0.1's, and the benchmark checks the engines against
 *   each other instead.
 *
 * The x10 Parquet files and the x10 DuckDB database file are built once with native DuckDB and
 * cached outside the repository, under `os.tmpdir()/datalab-tpch-x10/<key>` (override with
 * TPCH_CACHE_DIR). The key names the recipe, the DuckDB version and the source files' sizes and
 * times, so a change to any of them builds afresh. A build is written into a temporary folder and
 * renamed into place, so an interrupted build never looks complete.
 */
import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const tables = ['lineitem', 'orders', 'partsupp', 'part', 'customer', 'supplier', 'nation', 'region'];

const copies = 10;
const recipe = 'x10-v1';

/** Per table: the key columns and which key family each belongs to, and the order rows are written in. */
const keyColumns = {
  lineitem: { columns: { l_orderkey: 'order', l_partkey: 'part', l_suppkey: 'supp' }, orderBy: 'l_orderkey, l_linenumber' },
  orders: { columns: { o_orderkey: 'order', o_custkey: 'cust' }, orderBy: 'o_orderkey' },
  partsupp: { columns: { ps_partkey: 'part', ps_suppkey: 'supp' }, orderBy: 'ps_partkey, ps_suppkey' },
  part: { columns: { p_partkey: 'part' }, orderBy: 'p_partkey' },
  customer: { columns: { c_custkey: 'cust' }, orderBy: 'c_custkey' },
  supplier: { columns: { s_suppkey: 'supp' }, orderBy: 's_suppkey' },
};

const sqlString = (text) => `'${text.replaceAll("'", "''")}'`;

/** Parquet files → one DuckDB database file with the 8 tables, written by native DuckDB; returns the time taken. */
export async function writeDatabaseFile(parquetDir, dbFile) {
  const instance = await DuckDBInstance.create(dbFile);
  const connection = await instance.connect();
  const started = performance.now();
  try {
    for (const table of tables) {
      await connection.run(`CREATE TABLE "${table}" AS SELECT * FROM read_parquet(${sqlString(path.join(parquetDir, `${table}.parquet`))})`);
    }
    await connection.run('CHECKPOINT');
    return performance.now() - started;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function cacheKey(sourceDir) {
  const hash = createHash('sha256').update(`${recipe} ${duckdbVersion()}`);
  for (const table of tables) {
    const info = await stat(path.join(sourceDir, `${table}.parquet`));
    hash.update(` ${table}:${info.size}:${Math.round(info.mtimeMs)}`);
  }
  return `${recipe}-${hash.digest('hex').slice(0, 12)}`;
}

/** Builds the x10 Parquet files and database file into `dir` (which must not exist yet). */
async function buildEnlarged(sourceDir, dir, log) {
  await mkdir(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const source = (table) => `read_parquet(${sqlString(path.join(sourceDir, `${table}.parquet`))})`;
    const maxOf = async (table, column) => Number((await connection.runAndReadAll(`SELECT max(${column})::BIGINT FROM ${source(table)}`)).getRows()[0][0]);
    const shift = { order: await maxOf('orders', 'o_orderkey'), part: await maxOf('part', 'p_partkey'), supp: await maxOf('supplier', 's_suppkey'), cust: await maxOf('customer', 'c_custkey') };
    log(`x10: key shifts per copy ${JSON.stringify(shift)}`);
    for (const table of tables) {
      const target = sqlString(path.join(dir, `${table}.parquet`));
      const spec = keyColumns[table];
      let select;
      if (!spec) select = `SELECT * FROM ${source(table)}`;
      else {
        // Same column types as the source: the shifted key is cast back to the column's own type.
        const types = new Map((await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source(table)}`)).getRows().map((row) => [String(row[0]), String(row[1])]));
        const replaced = Object.entries(spec.columns).map(([column, family]) => `(${column} + copy * ${shift[family]})::${types.get(column)} AS ${column}`);
        select = `SELECT * EXCLUDE (copy) REPLACE (${replaced.join(', ')}) FROM ${source(table)}, range(${copies}) AS copies(copy) ORDER BY ${spec.orderBy}`;
      }
      const started = performance.now();
      await connection.run(`COPY (${select}) TO ${target} (FORMAT parquet, COMPRESSION zstd)`);
      log(`x10: ${table}.parquet written in ${Math.round(performance.now() - started)} ms`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const convertMs = await writeDatabaseFile(dir, path.join(dir, 'tpch.duckdb'));
  log(`x10: tpch.duckdb written in ${Math.round(convertMs)} ms`);
  return convertMs;
}

/** A file under `home` that is `file`: a hard link where possible (same file system), else a copy. */
async function placeFile(file, target) {
  try {
    await link(file, target);
  } catch {
    await copyFile(file, target);
  }
}

/**
 * Prepares the data for `scale` ('0.1' or 'x10'): returns
 * `{ scale, label, parquetDir, home, dbFile, parquetBytes, dbBytes, nativeConvertMs, answersDir }`.
 * `home` (under `scratch`) holds the 8 Parquet files for the workbench's file dialog; `dbFile` is
 * the database file the raw pages load; `answersDir` is null where no reference answers apply.
 */
export async function prepareScale(scale, { tpchDir, scratch, log }) {
  const sourceDir = path.join(tpchDir, 'sf0.1');
  let parquetDir;
  let dbFile;
  let nativeConvertMs;
  let cached = false;
  if (scale === '0.1') {
    parquetDir = sourceDir;
    dbFile = path.join(scratch, 'tpch-sf0.1.duckdb');
    nativeConvertMs = await writeDatabaseFile(parquetDir, dbFile);
  } else if (scale === 'x10') {
    const cacheRoot = process.env.TPCH_CACHE_DIR ?? path.join(os.tmpdir(), 'datalab-tpch-x10');
    parquetDir = path.join(cacheRoot, await cacheKey(sourceDir));
    dbFile = path.join(parquetDir, 'tpch.duckdb');
    cached = existsSync(dbFile);
    if (!cached) {
      log(`x10: building the enlarged tables into ${parquetDir} (once; cached)`);
      await mkdir(cacheRoot, { recursive: true });
      const temporary = `${parquetDir}.tmp-${process.pid}`;
      await rm(temporary, { recursive: true, force: true });
      try {
        nativeConvertMs = await buildEnlarged(sourceDir, temporary, log);
        await rename(temporary, parquetDir);
      } catch (error) {
        await rm(temporary, { recursive: true, force: true });
        throw error;
      }
      // Older builds (another recipe or source) are of no further use.
      for (const name of await readdir(cacheRoot)) {
        if (name !== path.basename(parquetDir) && !name.includes('.tmp-')) await rm(path.join(cacheRoot, name), { recursive: true, force: true });
      }
    } else log(`x10: using the cached tables in ${parquetDir}`);
  } else throw new Error(`unknown scale "${scale}" (0.1 or x10)`);

  const home = path.join(scratch, `home-${scale}`);
  await mkdir(home, { recursive: true });
  const parquetBytes = {};
  for (const table of tables) {
    const file = path.join(parquetDir, `${table}.parquet`);
    await placeFile(file, path.join(home, `${table}.parquet`));
    parquetBytes[table] = (await stat(file)).size;
  }
  return {
    scale,
    label: scale === '0.1' ? 'SF 0.1' : 'SF 0.1 × 10 (SF-1-sized enlargement)',
    parquetDir,
    home,
    dbFile,
    cached,
    parquetBytes,
    dbBytes: (await stat(dbFile)).size,
    nativeConvertMs: nativeConvertMs ?? NaN,
    answersDir: scale === '0.1' ? path.join(tpchDir, 'answers/sf0.1') : null,
  };
}
