import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  columnKindOf,
  parseColumnProfile,
  planColumnProfile,
  type ProfileColumn,
  type ProfileRequest,
  type ProfileRow,
  type RelationProfile,
} from '../../../shared/sql/columnProfile';
import { quoteIdentifier, quoteLiteral } from '../../../shared/sql/identifiers';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

/** Both real engines behind one small interface: rows as plain objects (BIGINT as bigint). */
interface SqlEngine {
  name: string;
  rows(sql: string): Promise<ProfileRow[]>;
}

const penguinsCsv = fileURLToPath(new URL('../../../datasets/penguins.csv', import.meta.url));
const quotedName = 'say "hi" — ü';

// Every column kind, a name with quotes, spaces and Unicode, a nested column and an all-NULL column.
const syntheticTable = `
  CREATE TABLE synthetic AS SELECT
    CAST(i AS INTEGER) AS n,
    CASE WHEN i % 10 = 0 THEN NULL ELSE i * 1.25 END::DOUBLE AS "double value",
    CAST(i / 7 AS DECIMAL(10, 2)) AS amount,
    DATE '2024-01-01' + CAST(i AS INTEGER) AS day,
    TIMESTAMP '2024-01-01 00:00:00' + i * INTERVAL 90 MINUTE AS at,
    CAST(TIMESTAMP '2024-01-01 00:00:00' + i * INTERVAL 1 DAY AS TIMESTAMPTZ) AS at_zoned,
    CASE WHEN i % 5 = 0 THEN NULL ELSE 'name ' || (i % 4) END AS ${quoteIdentifier(quotedName)},
    i % 3 = 0 AS flag,
    [i, i + 1] AS pair,
    {'a': i} AS record,
    CAST(NULL AS INTEGER) AS empty
  FROM range(1, 200) AS t(i)`;

async function openNative(): Promise<{ engine: SqlEngine; connection: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // The wasm build has no ICU: it prints TIMESTAMPTZ in UTC, so the native side is told to as well.
  await connection.run("SET TimeZone = 'UTC'");
  return {
    engine: { name: 'native', rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjects() as ProfileRow[] },
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function wasmEngine(db: WasmDuckdb): SqlEngine {
  return { name: 'wasm', rows: async (sql) => (await db.query(sql)).toArray().map((row) => (row as { toJSON(): ProfileRow }).toJSON()) };
}

async function columnsOf(engine: SqlEngine, relation: string): Promise<ProfileColumn[]> {
  const rows = await engine.rows(`DESCRIBE SELECT * FROM ${relation}`);
  return rows.map((row) => ({ name: String(row['column_name']), typeName: String(row['column_type']) }));
}

async function profile(engine: SqlEngine, request: ProfileRequest): Promise<RelationProfile> {
  const plan = planColumnProfile(request);
  return parseColumnProfile(plan, await engine.rows(plan.sql));
}

async function profileOf(engine: SqlEngine, relation: string): Promise<RelationProfile> {
  return profile(engine, { relation, columns: await columnsOf(engine, relation) });
}

/** The same table in the wasm engine, from the native one's values as text and its types. */
async function copyTable(from: SqlEngine, to: WasmDuckdb, table: string): Promise<void> {
  const columns = await columnsOf(from, table);
  const rows = await from.rows(`SELECT ${columns.map((c) => `CAST(${quoteIdentifier(c.name)} AS VARCHAR) AS ${quoteIdentifier(c.name)}`).join(', ')} FROM ${table}`);
  const values = rows.map((row) => `(${columns.map((c) => (row[c.name] === null ? 'NULL' : quoteLiteral(String(row[c.name])))).join(', ')})`);
  const casts = columns.map((c, i) => `CAST(v${i} AS ${c.typeName}) AS ${quoteIdentifier(c.name)}`).join(', ');
  await to.query(`CREATE TABLE ${table} AS SELECT ${casts} FROM (VALUES ${values.join(', ')}) AS source(${columns.map((_, i) => `v${i}`).join(', ')})`);
}

/** Checks a profile against plain SQL answers from the same engine (for relations under the sample size). */
async function expectMatchesDirectSql(engine: SqlEngine, relation: string, result: RelationProfile): Promise<void> {
  const [total] = await engine.rows(`SELECT count(*) AS n FROM ${relation}`);
  expect(result.rowCount).toBe(Number(total?.['n']));
  expect(result.profiledRows).toBe(result.rowCount);
  expect(result.sampled).toBe(false);
  for (const column of result.columns) {
    const c = quoteIdentifier(column.name);
    const [direct] = await engine.rows(
      `SELECT count(${c}) AS count, CAST(count(DISTINCT ${c}) AS BIGINT) AS exact_distinct, ` +
        `CAST(min(${c}) AS VARCHAR) AS min, CAST(max(${c}) AS VARCHAR) AS max FROM ${relation}`,
    );
    const count = Number(direct?.['count']);
    expect(column.count, column.name).toBe(count);
    expect(column.nulls, column.name).toBe(result.rowCount - count);
    expect(column.distinct, column.name).toBe(Number(direct?.['exact_distinct']));
    if (column.nested) {
      expect(column.min).toBeNull();
      expect(column.histogram ?? column.topValues).toBeUndefined();
      continue;
    }
    expect(column.min, column.name).toBe(direct?.['min']);
    expect(column.max, column.name).toBe(direct?.['max']);
    if (column.histogram) {
      const [finite] = await engine.rows(`SELECT count(*) AS n FROM ${relation} WHERE isfinite(${c})`);
      expect(column.histogram.reduce((sum, bin) => sum + bin.count, 0), column.name).toBe(Number(finite?.['n']));
    } else {
      const top = await engine.rows(
        `SELECT CAST(${c} AS VARCHAR) AS value, count(*) AS n FROM ${relation} GROUP BY ALL ORDER BY n DESC, value NULLS LAST LIMIT 5`,
      );
      expect(column.topValues, column.name).toEqual(top.map((row) => ({ value: row['value'], count: Number(row['n']) })));
    }
  }
}

describe('columnKindOf', () => {
  it('sorts DuckDB type names into the profile kinds', () => {
    expect(columnKindOf('BIGINT')).toMatchObject({ kind: 'numeric', integral: true, nested: false });
    expect(columnKindOf('DECIMAL(10,2)')).toMatchObject({ kind: 'numeric', integral: false });
    expect(columnKindOf('DOUBLE')).toMatchObject({ kind: 'numeric', integral: false });
    expect(columnKindOf('DATE')).toMatchObject({ kind: 'temporal', temporalUnit: 'day' });
    expect(columnKindOf('TIMESTAMP WITH TIME ZONE')).toMatchObject({ kind: 'temporal', timeZoned: true });
    expect(columnKindOf('TIMESTAMP_NS')).toMatchObject({ kind: 'temporal', temporalUnit: 'microsecond' });
    expect(columnKindOf('VARCHAR')).toMatchObject({ kind: 'text' });
    expect(columnKindOf("ENUM('a[]', 'b')")).toMatchObject({ kind: 'text', nested: false });
    expect(columnKindOf('BOOLEAN')).toMatchObject({ kind: 'other', nested: false });
    expect(columnKindOf('TIME')).toMatchObject({ kind: 'other', nested: false });
    for (const nested of ['INTEGER[]', 'VARCHAR[3]', 'STRUCT(a INTEGER)', 'MAP(VARCHAR, INTEGER)', 'UNION(a INTEGER, b VARCHAR)']) {
      expect(columnKindOf(nested), nested).toMatchObject({ kind: 'other', nested: true });
    }
  });
});

describe('planColumnProfile', () => {
  const columns = Array.from({ length: 95 }, (_, i) => ({ name: `col ${i}`, typeName: 'INTEGER' }));

  it('profiles one page of columns at a time, 40 by default', () => {
    const first = planColumnProfile({ relation: '"wide"', columns });
    expect(first.columns.map((c) => c.name)).toEqual(columns.slice(0, 40).map((c) => c.name));
    expect(first.totalColumns).toBe(95);
    const last = planColumnProfile({ relation: '"wide"', columns, columnOffset: 80 });
    expect(last.columns.map((c) => c.name)).toEqual(columns.slice(80).map((c) => c.name));
  });

  it('draws the sample once, with a fixed seed, and names columns only quoted', () => {
    const plan = planColumnProfile({ relation: '"t"', columns: [{ name: quotedName, typeName: 'VARCHAR' }] });
    expect(plan.sql.match(/USING SAMPLE/g)).toHaveLength(1);
    expect(plan.sql).toContain('USING SAMPLE reservoir(100000 ROWS) REPEATABLE (7)');
    expect(plan.sql).toContain(`${quoteIdentifier(quotedName)} AS c0`);
  });
});

describe('column profiles on duckdb-wasm and native DuckDB', () => {
  let wasm: WasmDuckdb;
  let native: Awaited<ReturnType<typeof openNative>>;
  let engines: SqlEngine[];

  beforeAll(async () => {
    wasm = await openWasmDuckdb();
    native = await openNative();
    engines = [wasmEngine(wasm), native.engine];
    await native.engine.rows(`CREATE TABLE penguins AS SELECT * FROM read_csv(${quoteLiteral(penguinsCsv)})`);
    await copyTable(native.engine, wasm, 'penguins');
    for (const engine of engines) {
      await engine.rows(syntheticTable);
      await engine.rows('CREATE TABLE nothing AS SELECT * FROM synthetic LIMIT 0');
    }
  }, 60_000);

  afterAll(async () => {
    await wasm?.close();
    native?.close();
  });

  for (const relation of ['"penguins"', '"synthetic"', '"nothing"', `(SELECT * FROM penguins WHERE species <> 'Adelie')`]) {
    it(`profiles ${relation} as plain SQL counts it, identically on both engines`, async () => {
      const profiles: RelationProfile[] = [];
      for (const engine of engines) {
        const result = await profileOf(engine, relation);
        await expectMatchesDirectSql(engine, relation, result);
        profiles.push(result);
      }
      expect(profiles[0]).toEqual(profiles[1]);
    });
  }

  it('bins numbers on round edges and dates on whole days, counting every value once', async () => {
    for (const engine of engines) {
      const penguins = await profileOf(engine, '"penguins"');
      const mass = penguins.columns.find((c) => c.name === 'body_mass_g');
      // 2700–6300 g in ten bins wants 360 g; the nice width is 500 g, from 2500 g.
      expect(mass?.histogram?.map((b) => b.from)).toEqual(['2500', '3000', '3500', '4000', '4500', '5000', '5500', '6000']);
      expect(mass?.histogram?.at(-1)?.to).toBe('6500');
      const [first] = await engine.rows('SELECT count(*) AS n FROM penguins WHERE body_mass_g >= 2500 AND body_mass_g < 3000');
      expect(mass?.histogram?.[0]?.count).toBe(Number(first?.['n']));

      const synthetic = await profileOf(engine, '"synthetic"');
      const day = synthetic.columns.find((c) => c.name === 'day');
      // 2024-01-02 … 2024-07-18 is 198 days: ten bins of 20 days, the last ending on the last day.
      expect(day?.histogram).toHaveLength(10);
      expect(day?.histogram?.[0]).toMatchObject({ from: '2024-01-02', to: '2024-01-22', count: 20 });
      expect(day?.histogram?.at(-1)?.to).toBe('2024-07-18');
      const empty = synthetic.columns.find((c) => c.name === 'empty');
      expect(empty).toMatchObject({ count: 0, nulls: 199, distinct: 0, min: null, max: null, histogram: [] });
      const quoted = synthetic.columns.find((c) => c.name === quotedName);
      expect(quoted).toMatchObject({ kind: 'text', nulls: 39 });
      expect(synthetic.columns.find((c) => c.name === 'pair')).toMatchObject({ nested: true, count: 199, min: null });
    }
  });

  it('copes with extreme, non-finite and unusual values the same way on both engines', async () => {
    const relation = `(SELECT * FROM (VALUES
      (-1e308, 'infinity'::DOUBLE, 170141183460469231731687303715884105727::HUGEINT, 'infinity'::DATE, TIMESTAMP_NS '2024-01-01 00:00:00.000000001',
        TIME '12:00', INTERVAL 3 DAY, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID, '\\x00ff'::BLOB, repeat('x', 300), 'c0'),
      (1e308, 'nan'::DOUBLE, -170141183460469231731687303715884105727::HUGEINT, DATE '2024-02-29', TIMESTAMP_NS '2024-01-01 00:00:00.000000002',
        TIME '13:00', INTERVAL 1 MONTH, NULL, NULL, 'short', 'c1'),
      (0.0, 1.5, 0::HUGEINT, '-infinity'::DATE, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
    ) AS t(huge_range, not_finite, hugeint, day, ns, "time", span, id, bytes, long_text, "c0"))`;
    const profiles: RelationProfile[] = [];
    for (const engine of engines) {
      const result = await profileOf(engine, relation);
      profiles.push(result);
      const byName = new Map(result.columns.map((c) => [c.name, c]));
      // A range too wide for a DOUBLE gets one bin.
      expect(byName.get('huge_range')?.histogram).toEqual([{ from: '-1e+308', to: '1e+308', count: 3 }]);
      // Infinity and NaN are counted as values but not binned.
      expect(byName.get('not_finite')).toMatchObject({ count: 3, max: 'nan', histogram: [{ from: '1.5', to: '1.5', count: 1 }] });
      expect(byName.get('hugeint')?.histogram?.reduce((sum, bin) => sum + bin.count, 0)).toBe(3);
      expect(byName.get('day')).toMatchObject({ min: '-infinity', max: 'infinity', histogram: [{ from: '2024-02-29', to: '2024-02-29', count: 1 }] });
      expect(byName.get('ns')?.histogram).toEqual([{ from: '2024-01-01 00:00:00', to: '2024-01-01 00:00:00', count: 2 }]);
      expect(byName.get('time')?.topValues?.map((v) => v.value)).toEqual(['12:00:00', '13:00:00', null]);
      expect(byName.get('long_text')?.max).toBe(`${'x'.repeat(199)}…`);
      expect(byName.get('c0')?.topValues?.map((v) => v.value)).toEqual(['c0', 'c1', null]);
    }
    expect(profiles[0]).toEqual(profiles[1]);
  });

  it('profiles a wide relation one page of columns at a time', async () => {
    const relation = `(SELECT ${Array.from({ length: 45 }, (_, i) => `range + ${i} AS "c ${i}"`).join(', ')} FROM range(10))`;
    for (const engine of engines) {
      const columns = await columnsOf(engine, relation);
      const first = await profile(engine, { relation, columns });
      const second = await profile(engine, { relation, columns, columnOffset: first.columns.length });
      expect(first.columns).toHaveLength(40);
      expect(second.columns.map((c) => [c.name, c.min, c.max])).toEqual([40, 41, 42, 43, 44].map((i) => [`c ${i}`, String(i), String(i + 9)]));
    }
  });

  it('profiles a sample of a 5,000,000-row relation and says so', async () => {
    const relation =
      "(SELECT range AS id, range % 1000 AS bucket, 'k' || (range % 7) AS label, DATE '2000-01-01' + CAST(range % 10000 AS INTEGER) AS day FROM range(5000000))";
    const result = await profileOf(native.engine, relation);
    expect(result).toMatchObject({ rowCount: 5_000_000, profiledRows: 100_000, sampled: true });
    for (const column of result.columns) {
      expect(column.count + column.nulls, column.name).toBe(100_000);
      if (column.histogram) expect(column.histogram.reduce((sum, bin) => sum + bin.count, 0), column.name).toBe(column.count);
    }
    const id = result.columns.find((c) => c.name === 'id');
    expect(Number(id?.min)).toBeGreaterThanOrEqual(0);
    expect(Number(id?.max)).toBeLessThan(5_000_000);
    expect(id?.distinct).toBeGreaterThan(90_000);
    const label = result.columns.find((c) => c.name === 'label');
    expect(label?.topValues).toHaveLength(5);
    expect(label?.distinct).toBe(7);
  }, 120_000);
});
