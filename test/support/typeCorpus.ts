/**
 * A corpus of queries over every DuckDB type the results grid renders: for each type, edge values
 * first, then a few hundred generated rows with some NULLs among them. Shared by the Arrow encoding
 * test (native → Arrow → text against CAST AS VARCHAR and against duckdb-wasm) and the engine
 * parity test. Run `typeCorpusSetup` first on any engine that runs the corpus: it creates the ENUM
 * types some queries use.
 */

export const typeCorpusSetup: readonly string[] = [
  `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'with space', 'comma,inside', 'ünïcödé', 'NULL')`,
  `CREATE TYPE wide AS ENUM (SELECT 'member' || i FROM range(300) t(i))`,
];

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

/** Whether the in-app engine's Arrow must print the same ('engine', the default) or cannot run the query ('none'). */
export type WasmCheck = 'engine' | 'none';

export type TypeCorpusCase = [name: string, sql: string, wasmCheck?: WasmCheck];

export const typeCorpus: readonly TypeCorpusCase[] = [
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
  ['BIT', corpus('BIT', [`'0'`, `'1'`, `'0101'`, `repeat('10', 50)`], `bitstring(bin(i + 1), ((i % 90) + 1 + length(bin(i + 1)))::INTEGER)`)],
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
  ['LIST of BIT and TIMETZ', `SELECT ${nullEvery13(`[bitstring('101', (i % 9 + 3)::INTEGER)]`)} AS b, ${nullEvery13(`[('12:00:00' || ${tzOffset})::TIMETZ]`)} AS t FROM range(300) t(i) ORDER BY i`],
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
