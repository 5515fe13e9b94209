import { DuckDBInstance } from '@duckdb/node-api';
import { readFile, writeFile } from 'node:fs/promises';
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

/** The columns of writeEverydayTypesParquet, each of a type users meet often and that is easy to lose. */
export const everydayTypeColumns = ['id', 'amount', 'numbers', 'item', 'scores', 'waited', 'uid', 'at', 'flag', 'big'] as const;

/**
 * A Parquet file with the types that are easy to lose on the way to the in-app engine: DECIMAL,
 * LIST, STRUCT, MAP, INTERVAL, UUID, TIMESTAMPTZ, BOOLEAN and HUGEINT, with NULLs and extremes.
 */
export async function writeEverydayTypesParquet(file: string, rows: number): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (
      SELECT i AS id,
        (i * 12345.678 - 50000)::DECIMAL(18,3) AS amount,
        CASE WHEN i % 7 = 0 THEN NULL ELSE [i, i + 1, NULL] END AS numbers,
        {'name': 'item ' || i, 'tags': ['a' || i % 3, 'b'], 'ok': i % 2 = 0} AS item,
        MAP {'k' || i: i * 1.5, 'z': NULL} AS scores,
        to_months(i % 14) + to_days(i % 40) + to_microseconds(i * 1000003) AS waited,
        md5(i::VARCHAR)::UUID AS uid,
        TIMESTAMPTZ '2024-03-10 01:30:00+00' + to_minutes(i * 97) AS at,
        CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END AS flag,
        CASE i WHEN 0 THEN '-170141183460469231731687303715884105727'::HUGEINT WHEN 1 THEN '170141183460469231731687303715884105727'::HUGEINT
          ELSE hash(i)::HUGEINT * (hash(i + 1) >> 2)::HUGEINT * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) END AS big
      FROM range(${Math.floor(rows)}) t(i)
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

function zigzagVarint(value: bigint): number[] {
  let z = value >= 0n ? value << 1n : (-value << 1n) - 1n;
  const bytes: number[] = [];
  do {
    let byte = Number(z & 0x7fn);
    z >>= 7n;
    if (z > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (z > 0n);
  return bytes;
}

function indexOfBytes(haystack: Uint8Array, needle: readonly number[], from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * A small, valid Parquet file (one BIGINT column `i`, `rows` rows) whose footer says its column
 * takes `claimedUncompressedBytes` once uncompressed: what a highly compressible file of that size
 * says, without writing gigabytes. The footer's ColumnMetaData.total_uncompressed_size (Thrift
 * compact: field header 0x16, a zigzag varint, right before total_compressed_size, also 0x16) is
 * rewritten and the footer length updated; the data pages are untouched, so DuckDB reads the rows.
 */
export async function writeParquetClaimingSize(file: string, rows: number, claimedUncompressedBytes: number): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  let uncompressed: bigint;
  let compressed: bigint;
  try {
    await connection.run(`COPY (SELECT range::BIGINT AS i FROM range(${Math.floor(rows)})) TO ${quoteLiteral(file)} (FORMAT parquet, COMPRESSION zstd)`);
    const sizes = (await connection.runAndReadAll(`SELECT total_uncompressed_size, total_compressed_size FROM parquet_metadata(${quoteLiteral(file)})`)).getRows();
    if (sizes.length !== 1) throw new Error(`expected one column chunk, found ${sizes.length}`);
    [uncompressed, compressed] = (sizes[0] ?? []).map((v) => BigInt(String(v))) as [bigint, bigint];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const bytes = new Uint8Array(await readFile(file));
  const footerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
  const footerStart = bytes.length - 8 - footerLength;
  const pattern = [0x16, ...zigzagVarint(uncompressed), 0x16, ...zigzagVarint(compressed)];
  const at = indexOfBytes(bytes, pattern, footerStart);
  if (at < 0 || indexOfBytes(bytes, pattern, at + 1) >= 0) throw new Error('could not find the column’s uncompressed size in the footer exactly once');
  const oldVarint = zigzagVarint(uncompressed);
  const newVarint = zigzagVarint(BigInt(claimedUncompressedBytes));
  const patched = new Uint8Array(bytes.length - oldVarint.length + newVarint.length);
  patched.set(bytes.subarray(0, at + 1));
  patched.set(newVarint, at + 1);
  patched.set(bytes.subarray(at + 1 + oldVarint.length), at + 1 + newVarint.length);
  new DataView(patched.buffer).setUint32(patched.length - 8, footerLength - oldVarint.length + newVarint.length, true);
  await writeFile(file, patched);
}
