import { DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk, type DuckDBVarCharVector } from '@duckdb/node-api';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_TYPES_METADATA_KEY, encodeArrowIpc, type EncodedColumn } from '../../../electron/host/native/arrowEncoding';
import { createCellFormatter, type FormattedCell } from '../../../shared/values/cellFormat';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

let instance: DuckDBInstance;
let native: DuckDBConnection;
let wasm: WasmDuckdb;
/** For the types plain wasm sends lossily (BIT as a blob, TIMETZ without its offset). */
let wasmLossless: WasmDuckdb;

const setup = [
  `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'with space', 'comma,inside', 'ünïcödé', 'NULL')`,
  `CREATE TYPE wide AS ENUM (SELECT 'member' || i FROM range(300) t(i))`,
];

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  native = await instance.connect();
  // Native TIMESTAMPTZ text follows the session's zone (ICU is built in); wasm has no ICU and works in UTC.
  await native.run(`SET TimeZone = 'UTC'`);
  [wasm, wasmLossless] = await Promise.all([openWasmDuckdb(), openWasmDuckdb({ arrowLosslessConversion: true })]);
  for (const sql of setup) {
    await native.run(sql);
    await wasm.query(sql);
    await wasmLossless.query(sql);
  }
});

afterAll(async () => {
  native.closeSync();
  instance.closeSync();
  await wasm.close();
  await wasmLossless.close();
});

interface NativeResult {
  columns: EncodedColumn[];
  chunks: DuckDBDataChunk[];
}

async function runNative(sql: string): Promise<NativeResult> {
  const result = await native.stream(sql);
  const names = result.columnNames();
  const types = result.columnTypes();
  const chunks: DuckDBDataChunk[] = [];
  for (let chunk = await result.fetchChunk(); chunk; chunk = await result.fetchChunk()) {
    if (chunk.rowCount === 0) break;
    chunks.push(chunk);
  }
  return { columns: names.map((name, i) => ({ name, type: types[i]! })), chunks };
}

/** Every cell of the table as cellFormat shows it; null for SQL NULL. */
function texts(table: Table): (string | null)[][] {
  return table.schema.fields.map((field, c) => {
    const format = createCellFormatter(field.type, field.metadata);
    const vector = table.getChildAt(c)!;
    return Array.from({ length: table.numRows }, (_, row) => cellText(format.at(vector, row)));
  });
}

function cellText(cell: FormattedCell): string | null {
  return cell.kind === 'null' ? null : cell.text;
}

interface Encoded {
  table: Table;
  /** Per column, DuckDB's own CAST(x AS VARCHAR) of each row, read from the same result. */
  casts: (string | null)[][];
  chunkCount: number;
}

/** Runs the query natively with its casts beside it (one result, so the rows line up), encodes the values. */
async function encodeNative(sql: string): Promise<Encoded> {
  const { columns, chunks } = await runNative(`SELECT *, CAST(COLUMNS(*) AS VARCHAR) FROM (${sql})`);
  const width = columns.length / 2;
  const table = tableFromIPC(encodeArrowIpc(columns.slice(0, width), chunks));
  const casts = Array.from({ length: width }, (_, c) =>
    chunks.flatMap((chunk) => {
      const vector = chunk.getColumnVector(width + c) as DuckDBVarCharVector;
      return Array.from({ length: chunk.rowCount }, (_, row) => vector.getItem(row));
    }),
  );
  return { table, casts, chunkCount: chunks.length };
}

/** Rows of a generated corpus: the edge values first, then `generated` over i in range(count). */
function corpus(type: string, edges: readonly string[], generated: string, count = 300): string {
  return `SELECT v FROM (
    SELECT o, v FROM (SELECT unnest(range(${edges.length + 1})) AS o, unnest([${[...edges, 'NULL'].join(', ')}]::${type}[]) AS v)
    UNION ALL SELECT 1000 + i, (CASE WHEN i % 13 = 5 THEN NULL ELSE (${generated}) END)::${type} FROM range(${count}) t(i)
  ) ORDER BY o`;
}

const hugeRandom = `hash(i)::HUGEINT * (hash(i + 1) >> 2)::HUGEINT * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END)`;
const md5Uuid = `(SELECT substr(m, 1, 8) || '-' || substr(m, 9, 4) || '-' || substr(m, 13, 4) || '-' || substr(m, 17, 4) || '-' || substr(m, 21, 12) FROM (SELECT md5(i::VARCHAR) AS m))`;
const timestampMicros = `((hash(i) % 18000000000000000000)::HUGEINT - 9000000000000000000)::BIGINT`;
const tzOffset = `(CASE WHEN i % 2 = 0 THEN '+' ELSE '-' END) || lpad((i % 16)::VARCHAR, 2, '0') || ':' || lpad((i * 7 % 60)::VARCHAR, 2, '0')`;

const nullEvery13 = (expression: string): string => `CASE WHEN i % 13 = 5 THEN NULL ELSE ${expression} END`;
const union2 = 'UNION(n INTEGER, s VARCHAR)';
const union3 = 'UNION(n INTEGER, s VARCHAR, d DOUBLE)';

/** Which wasm engine's Arrow must print the same: plain, lossless (where plain wasm loses information) or none. */
type WasmCheck = 'plain' | 'lossless' | 'none';

const cases: [name: string, sql: string, wasmCheck?: WasmCheck][] = [
  ['BOOLEAN', corpus('BOOLEAN', ['true', 'false'], 'i % 2 = 0')],
  ['TINYINT', corpus('TINYINT', ['-128', '127', '0', '-1'], '(i * 37) % 256 - 128')],
  ['SMALLINT', corpus('SMALLINT', ['-32768', '32767', '0'], '(i * 331) % 65536 - 32768')],
  ['INTEGER', corpus('INTEGER', ['-2147483648', '2147483647', '0'], '(hash(i) % 4294967296)::BIGINT - 2147483648')],
  ['BIGINT', corpus('BIGINT', ['-9223372036854775808', '9223372036854775807', '0'], '(hash(i)::HUGEINT - 9223372036854775808)')],
  ['UTINYINT', corpus('UTINYINT', ['0', '255'], 'hash(i) % 256')],
  ['USMALLINT', corpus('USMALLINT', ['0', '65535'], 'hash(i) % 65536')],
  ['UINTEGER', corpus('UINTEGER', ['0', '4294967295'], 'hash(i) % 4294967296')],
  ['UBIGINT', corpus('UBIGINT', ['0', '18446744073709551615'], 'hash(i)')],
  [
    'HUGEINT',
    corpus('HUGEINT', [`'-170141183460469231731687303715884105728'`, `'170141183460469231731687303715884105727'`, `'0'`, `'-1'`], hugeRandom),
  ],
  ['UHUGEINT', corpus('UHUGEINT', [`'0'`, `'340282366920938463463374607431768211455'`, `'1'`], 'hash(i)::UHUGEINT * hash(i + 7)::UHUGEINT')],
  [
    'FLOAT',
    corpus(
      'FLOAT',
      [`'nan'`, `'inf'`, `'-inf'`, '0', '-0.0', '1.4e-45', '3.4028235e38', '-3.4028235e38', '1.1754944e-38', '0.1', '1e16', '1e15', '123456.7', '2979859.75'],
      `hash(i)::DOUBLE / 1e10 * pow(10, (i % 60) - 40)`,
    ),
  ],
  [
    'DOUBLE',
    corpus(
      'DOUBLE',
      [`'nan'`, `'inf'`, `'-inf'`, '0', '-0.0', '5e-324', '1.7976931348623157e308', '2.2250738585072014e-308', '0.1', '1e16', '9999999999999998', '0.0001', '0.00001'],
      `hash(i)::DOUBLE * pow(10, (i % 580) - 300) * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END)`,
    ),
  ],
  ['DECIMAL(4,1)', corpus('DECIMAL(4,1)', ['999.9', '-999.9', '0', '0.1', '-0.1'], '((hash(i) % 19999)::INTEGER - 9999) / 10')],
  ['DECIMAL(4,4)', corpus('DECIMAL(4,4)', ['0.9999', '-0.9999', '0', '0.5'], '((hash(i) % 19999)::INTEGER - 9999) / 10000')],
  ['DECIMAL(9,3)', corpus('DECIMAL(9,3)', ['999999.999', '-999999.999', '0.001'], '((hash(i) % 1999999999)::BIGINT - 999999999) / 1000')],
  [
    'DECIMAL(18,6)',
    corpus('DECIMAL(18,6)', ['999999999999.999999', '-999999999999.999999', '-0.000001'], '((hash(i) % 1999999999999999999)::HUGEINT - 999999999999999999)::DECIMAL(18,0) * 0.000001'),
  ],
  [
    'DECIMAL(38,10)',
    corpus(
      'DECIMAL(38,10)',
      ['9999999999999999999999999999.9999999999', '-9999999999999999999999999999.9999999999', '0.0000000001'],
      `(${hugeRandom} % 99999999999999999999999999999999999999)::DECIMAL(38,0) * 0.0000000001`,
    ),
  ],
  [
    'VARCHAR',
    corpus(
      'VARCHAR',
      [`''`, `' '`, `'a'`, `'NULL'`, `'null'`, `'héllo wörld'`, `'日本語テキスト'`, `'😀 emoji'`, `'exactly12byt'`, `'thirteen byte'`, `repeat('x', 1000)`, `E'tab\\tnew\\nline'`, `'quote''s "dq"'`],
      `'str_' || i || repeat('é', i % 20)`,
    ),
  ],
  [
    'BLOB',
    corpus('BLOB', [`''`, `'\\x00\\xFF'`, `'abc'`, `'\\x27\\x22\\x5C'`, `repeat('ab', 100)`], `unhex(left(md5(i::VARCHAR) || md5((i + 1)::VARCHAR), (i % 64)))`),
  ],
  ['BIT', corpus('BIT', [`'0'`, `'1'`, `'0101'`, `repeat('10', 50)`], `bitstring(bin(i + 1), ((i % 90) + 1 + length(bin(i + 1)))::INTEGER)`), 'lossless'],
  [
    'BIGNUM',
    corpus(
      'BIGNUM',
      [`'0'`, `'1'`, `'-1'`, `'1${'0'.repeat(100)}'`, `'-${'9'.repeat(120)}'`],
      `(CASE WHEN i % 3 = 0 THEN ('1' || repeat('0', i % 80))::BIGNUM WHEN i % 3 = 1 THEN (${hugeRandom})::BIGNUM ELSE ('-' || (i * 7919)::VARCHAR || repeat('3', i % 40))::BIGNUM END)`,
    ),
  ],
  [
    'UUID',
    corpus(
      'UUID',
      [`'00000000-0000-0000-0000-000000000000'`, `'ffffffff-ffff-ffff-ffff-ffffffffffff'`, `'80000000-0000-0000-0000-000000000000'`, `'7fffffff-ffff-ffff-ffff-ffffffffffff'`],
      md5Uuid,
    ),
  ],
  [
    'DATE',
    corpus(
      'DATE',
      [`'infinity'`, `'-infinity'`, `'0001-01-01'`, `'0001-12-31 (BC)'`, `'5877641-06-25 (BC)'`, `'5881580-07-10'`, `'2000-02-29'`, `'1900-02-28'`, `'2024-02-29'`, `'1970-01-01'`, `'1969-12-31'`],
      `DATE '1970-01-01' + ((hash(i) % 4000000)::INTEGER - 2000000)`,
    ),
  ],
  ['TIME', corpus('TIME', [`'00:00:00'`, `'23:59:59.999999'`, `'24:00:00'`, `'12:34:56.5'`], `TIME '00:00:00' + to_microseconds((hash(i) % 86400000000)::BIGINT)`)],
  [
    'TIMETZ',
    corpus(
      'TIMETZ',
      [`'00:00:00+15:59:59'`, `'23:59:59.999999-15:59:59'`, `'12:00:00+05:30'`, `'12:00:00-00:01:01'`, `'24:00:00+00'`],
      `(TIME '00:00:00' + to_microseconds((hash(i) % 86400000000)::BIGINT))::VARCHAR || ${tzOffset}`,
    ),
    'lossless',
  ],
  [
    'TIMESTAMP',
    corpus(
      'TIMESTAMP',
      [`'infinity'`, `'-infinity'`, `'290309-12-22 (BC) 00:00:00'`, `'294247-01-10 04:00:54.775806'`, `'1970-01-01'`, `'2000-02-29 12:00:00.000001'`, `'1969-12-31 23:59:59.999999'`],
      `make_timestamp(${timestampMicros})`,
    ),
  ],
  ['TIMESTAMP_S', corpus('TIMESTAMP_S', [`'1970-01-01'`, `'2000-02-29 12:00:01'`, `'0044-03-15 (BC) 12:00:00'`], `make_timestamp(${timestampMicros})`)],
  ['TIMESTAMP_MS', corpus('TIMESTAMP_MS', [`'1970-01-01'`, `'1969-12-31 23:59:59.999'`, `'9999-12-31 23:59:59.999'`], `make_timestamp(${timestampMicros})`)],
  [
    'TIMESTAMP_NS',
    corpus('TIMESTAMP_NS', [`'1970-01-01'`, `'1969-12-31 23:59:59.999999999'`, `'2262-04-11 23:47:16.854775806'`, `'1677-09-22 00:12:43.145224194'`], `make_timestamp_ns(((hash(i) % 18000000000000000000)::HUGEINT - 9000000000000000000)::BIGINT)`),
  ],
  [
    'TIMESTAMPTZ',
    corpus('TIMESTAMPTZ', [`'infinity'`, `'-infinity'`, `'1970-01-01 00:00:00+00'`, `'2024-02-29 12:00:00.123456+05:30'`], `make_timestamp(${timestampMicros})`),
  ],
  [
    'INTERVAL',
    corpus(
      'INTERVAL',
      [`'0 seconds'`, `'1 year 2 months 3 days 04:05:06.789'`, `'-1 day'`, `'-1 second'`, `'178956970 years 7 months'`, `'100000 hours'`, `'-2147483647 days'`],
      `to_months(i % 100 - 50) + to_days(i * 7 % 100 - 50) + to_microseconds((hash(i) % 1000000000000)::BIGINT - 500000000000)`,
    ),
  ],
  ['ENUM', corpus('mood', [`'sad'`, `'NULL'`, `'comma,inside'`], `(['sad', 'ok', 'happy', 'with space', 'comma,inside', 'ünïcödé', 'NULL'])[i % 7 + 1]`)],
  ['ENUM (300 members)', corpus('wide', [`'member0'`, `'member299'`], `'member' || (i % 300)`)],
  ['LIST of INTEGER', corpus('INTEGER[]', ['[]', '[NULL]', '[1, 2, 3]'], `CASE WHEN i % 5 = 0 THEN [] ELSE [i::INTEGER, NULL, -i::INTEGER] END`)],
  [
    'LIST of VARCHAR',
    corpus('VARCHAR[]', [`['a', '', 'x,y', ' lead', 'NULL', NULL, 'quote''s', 'back\\slash', '[br]', 'a long string here, quoted']`], `['s' || i, repeat('é', i % 15), NULL]`),
  ],
  ['LIST of LIST', corpus('INTEGER[][]', ['[[], NULL, [1]]'], `[[i::INTEGER], [], NULL, range(i % 4)::INTEGER[]]`)],
  ['LIST of STRUCT', corpus('STRUCT(a INTEGER, b VARCHAR)[]', [`[{'a': 1, 'b': 'x y'}, NULL]`], `[{'a': i, 'b': 'v' || i}, {'a': NULL, 'b': NULL}]`)],
  ['LIST of UUID', corpus('UUID[]', [`['00000000-0000-0000-0000-000000000000']`], `[${md5Uuid}, NULL]`)],
  ['LIST of DATE, BLOB, DECIMAL', `SELECT ${nullEvery13('[DATE \'2024-02-29\' + i::INTEGER, NULL]')} AS d, ${nullEvery13(`[('b' || i)::BLOB, '\\x00'::BLOB]`)} AS b, ${nullEvery13('[i / 7::DECIMAL(9,3)]')} AS m FROM range(300) t(i) ORDER BY i`],
  ['LIST of ENUM and BOOLEAN', corpus('STRUCT(e mood, f BOOLEAN)[]', [`[{'e': 'ok', 'f': true}]`], `[{'e': (['sad', 'ok'])[i % 2 + 1], 'f': i % 3 = 0}, NULL]`)],
  ['LIST of INTERVAL and TIMESTAMP', `SELECT ${nullEvery13('[to_days(i::INTEGER) + to_months(i::INTEGER) + to_microseconds(i * 1234567), NULL]')} AS iv, ${nullEvery13(`[TIMESTAMP '2000-01-01' + to_seconds(i::BIGINT)]`)} AS ts FROM range(300) t(i) ORDER BY i`],
  ['LIST of BIT and TIMETZ', `SELECT ${nullEvery13(`[bitstring('101', (i % 9 + 3)::INTEGER)]`)} AS b, ${nullEvery13(`[('12:00:00' || ${tzOffset})::TIMETZ]`)} AS t FROM range(300) t(i) ORDER BY i`, 'lossless'],
  ['ARRAY', corpus('INTEGER[3]', ['[1, NULL, 3]'], `[i, -i, NULL]`)],
  ['ARRAY of VARCHAR', corpus('VARCHAR[2]', [`['a,b', '']`], `['x' || i, NULL]`)],
  ['ARRAY of ARRAY', corpus('INTEGER[2][2]', ['[[1, 2], NULL]'], `[[i, i + 1], [NULL, i]]`)],
  ['STRUCT', corpus('STRUCT(a INTEGER, b VARCHAR, c DOUBLE)', [`{'a': NULL, 'b': NULL, 'c': NULL}`], `{'a': i, 'b': CASE WHEN i % 3 = 0 THEN '' ELSE 'v ' || i END, 'c': i / 3}`)],
  [
    'STRUCT with awkward names',
    corpus(`STRUCT("a b" INTEGER, "select" VARCHAR, "it's" BOOLEAN)`, [`{'a b': 1, 'select': 'x', 'it''s': true}`], `{'a b': i, 'select': 'v' || i, 'it''s': i % 2 = 0}`),
  ],
  ['STRUCT nested', corpus('STRUCT(s STRUCT(x INTEGER[], y VARCHAR), m MAP(VARCHAR, INTEGER))', [], `{'s': {'x': [i, NULL], 'y': NULL}, 'm': MAP {'k' || i: i}}`)],
  ['unnamed STRUCT', `SELECT ${nullEvery13(`row(i, 'a' || i, NULL)`)} AS v FROM range(300) t(i) ORDER BY i`],
  ['MAP', corpus('MAP(INTEGER, VARCHAR)', ['MAP {}', `MAP {1: NULL}`], `MAP {i: 'v' || i, -i - 1: 'x,y'}`)],
  ['MAP of lists', corpus('MAP(VARCHAR, INTEGER[])', [`MAP {'': []}`], `MAP {'k ' || i: [i, NULL]}`)],
  [
    'UNION',
    corpus(
      union3,
      [`union_value(n := 1)`, `union_value(s := 'x, y')`, `union_value(d := 2.5)`].map((value) => `${value}::${union3}`),
      `CASE i % 3 WHEN 0 THEN union_value(n := i::INTEGER)::${union3} WHEN 1 THEN union_value(s := 's' || i)::${union3} ELSE union_value(d := i / 4)::${union3} END`,
    ),
  ],
  ['LIST of UNION', corpus(`${union2}[]`, [`[union_value(s := '')::${union2}, NULL]`], `[union_value(n := i::INTEGER)::${union2}, union_value(s := 'a b')::${union2}, NULL]`)],
  ['JSON', corpus('JSON', [`'{"a": [1, 2]}'`, `'"str"'`, `'null'`, `'[]'`], `json_object('k', i, 's', 'v' || i)`), 'none'],
];

describe('every type prints as native CAST(x AS VARCHAR) and as duckdb-wasm does', () => {
  it.each(cases)('%s', async (_name, sql, wasmCheck = 'plain') => {
    const { table, casts } = await encodeNative(sql);
    const encoded = texts(table);
    expect(encoded[0]!.length).toBeGreaterThanOrEqual(150);
    expect(encoded).toEqual(casts);
    if (wasmCheck !== 'none') {
      const reference = texts(await (wasmCheck === 'plain' ? wasm : wasmLossless).queryIpc(sql));
      expect(encoded).toEqual(reference);
    }
    // Some NULLs, some values: the corpus really exercises both.
    for (const column of encoded) {
      expect(column).toContain(null);
      expect(column.some((text) => text !== null)).toBe(true);
    }
  });
});

it('names each column in schema metadata as DuckDB names its type', async () => {
  const sql = `SELECT 1::DECIMAL(15,2) AS a, {'a': 1, 'b': 'x'} AS b, row(1, 'a') AS c, {'select': 1, 'a b': 2} AS d,
    union_value(n := 1)::UNION(n INTEGER, s VARCHAR) AS e, 'ok'::mood AS f, '{}'::JSON AS g, [1, 2]::INTEGER[2] AS h,
    MAP {'a': [1]} AS i, '12:00:00+02'::TIMETZ AS j, now() AS k, 1::BIGNUM AS l, uuid() AS m`;
  const { columns, chunks } = await runNative(sql);
  const table = tableFromIPC(encodeArrowIpc(columns, chunks));
  const names = JSON.parse(table.schema.metadata.get(COLUMN_TYPES_METADATA_KEY) ?? '[]') as string[];
  const { chunks: typeChunks } = await runNative(`SELECT typeof(COLUMNS(*)) FROM (${sql})`);
  const typeofs = columns.map((_, c) => (typeChunks[0]!.getColumnVector(c) as DuckDBVarCharVector).getItem(0));
  expect(names).toEqual(typeofs);
  expect(names.slice(0, 4)).toEqual(['DECIMAL(15,2)', 'STRUCT(a INTEGER, b VARCHAR)', 'STRUCT(INTEGER, VARCHAR)', 'STRUCT("select" INTEGER, "a b" INTEGER)']);
});

it('keeps the schema of an empty result', async () => {
  const { columns, chunks } = await runNative(`SELECT 1::INTEGER AS a, 'x' AS b, [1] AS c WHERE false`);
  const bytes = encodeArrowIpc(columns, chunks);
  const table = tableFromIPC(bytes);
  expect(table.numRows).toBe(0);
  expect(table.schema.fields.map((field) => [field.name, String(field.type)])).toEqual([
    ['a', 'Int32'],
    ['b', 'Utf8'],
    ['c', 'List<Int32>'],
  ]);
  expect(table.schema.metadata.get(COLUMN_TYPES_METADATA_KEY)).toBe('["INTEGER","VARCHAR","INTEGER[]"]');
  // No chunks at all (a caller that never fetched) gives the same.
  expect(tableFromIPC(encodeArrowIpc(columns, [])).schema.fields).toHaveLength(3);
});

it('merges results of many chunks, with lists, strings and validity crossing chunk boundaries', async () => {
  const sql = `SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'row ' || i || repeat('-', i % 17) END AS s,
      CASE WHEN i % 11 = 0 THEN NULL ELSE range(i % 5) END AS l, i % 3 = 0 AS b, {'x': i, 'y': [i]} AS st,
      union_value(n := i::INTEGER)::UNION(n INTEGER, s VARCHAR) AS u
    FROM range(5000) t(i) ORDER BY i`;
  const { table, casts, chunkCount } = await encodeNative(sql);
  expect(chunkCount).toBeGreaterThan(2);
  expect(table.numRows).toBe(5000);
  expect(texts(table)).toEqual(casts);
  expect(table.getChild('l')!.get(4999)?.toArray()).toEqual(BigInt64Array.from([0n, 1n, 2n, 3n]));
});

it('reads chunks of any size and lists whose elements the chunk does not hold in order', async () => {
  // A constant list broadcast over rows points every row at the same elements.
  const { columns, chunks } = await runNative(`SELECT [1, 2, 3] AS l, 'constant but longer than twelve' AS s FROM range(3000)`);
  const table = tableFromIPC(encodeArrowIpc(columns, chunks));
  const [lists, strings] = texts(table);
  expect(new Set(lists)).toEqual(new Set(['[1, 2, 3]']));
  expect(new Set(strings)).toEqual(new Set(['constant but longer than twelve']));
  expect(lists).toHaveLength(3000);
});

it('refuses a column type it cannot encode, naming it', () => {
  const column = { name: 'x', type: { typeId: 34, toString: () => 'ANY' } } as unknown as EncodedColumn;
  expect(() => encodeArrowIpc([column], [])).toThrow(/ANY cannot be sent as Arrow/);
});

// Timing, on demand (ARROW_ENCODING_BENCH=1): a 2,048-row window of 20 columns, and a million rows.
it.runIf(process.env['ARROW_ENCODING_BENCH'] === '1')('encodes quickly', async () => {
  const median = (runs: number[]) => runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  const time = (encode: () => void, times: number): number =>
    median(
      Array.from({ length: times }, () => {
        const start = performance.now();
        encode();
        return performance.now() - start;
      }),
    );
  const window = await runNative(`SELECT i::INTEGER AS a, i::BIGINT AS b, i / 3 AS c, 'name ' || i AS d, DATE '2000-01-01' + i::INTEGER AS e,
      TIMESTAMP '2000-01-01' + to_seconds(i::BIGINT) AS f, i::DECIMAL(15,2) AS g, i % 2 = 0 AS h, 'a much longer text value number ' || i AS j,
      [i, i + 1] AS k, {'x': i, 'y': 'v'} AS l, (i % 30000)::SMALLINT AS m, i::FLOAT AS n, md5(i::VARCHAR)::UUID AS o, to_days(i::INTEGER) AS p,
      CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS q, i::HUGEINT AS r, 'x' AS s, TIME '12:00:00' AS t, (i % 256)::UTINYINT AS u
    FROM range(2048) t(i)`);
  const windowMs = time(() => encodeArrowIpc(window.columns, window.chunks), 21);
  const million = await runNative(`SELECT i::INTEGER AS a, i / 7 AS b, 'name_' || i AS c, DATE '2000-01-01' + (i % 10000)::INTEGER AS d FROM range(1000000) t(i)`);
  const millionMs = time(() => encodeArrowIpc(million.columns, million.chunks), 5);
  const longStrings = await runNative(`SELECT 'a string longer than twelve bytes ' || i AS s FROM range(1000000) t(i)`);
  const longMs = time(() => encodeArrowIpc(longStrings.columns, longStrings.chunks), 3);
  console.log(`2048 x 20: ${windowMs.toFixed(2)} ms; 1M x (INTEGER, DOUBLE, VARCHAR, DATE): ${millionMs.toFixed(0)} ms; 1M long VARCHAR: ${longMs.toFixed(0)} ms`);
  expect(windowMs).toBeLessThan(10);
}, 120_000);
