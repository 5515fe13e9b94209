import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { Dataset, HostError } from '../../../shared/contract/hostApi';
import { createTestHostCore } from '../../support/testHostCore';
import { writeOrdersParquet } from '../../support/parquetFixtures';
import { makeTempDir } from '../../support/tempDir';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let home: string;
let core: HostCore;

const call = (url: string, init?: RequestInit) => core.fetch(new Request(`http://127.0.0.1:1${url}`, init));
async function open(file: string): Promise<Dataset> {
  const response = await call('/api/datasets/open', { method: 'POST', body: JSON.stringify({ path: path.join(home, file) }), headers: { 'Content-Type': 'application/json' } });
  expect(response.status).toBe(200);
  return (await response.json()) as Dataset;
}

/** Reads a converted database file the way the in-app engine will: attach it and query table `data`. */
async function readConverted(bytes: ArrayBuffer, sql: string): Promise<unknown[][]> {
  const file = path.join(temp.dir, `check-${Math.random().toString(36).slice(2)}.duckdb`);
  await writeFile(file, new Uint8Array(bytes));
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRows();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

beforeEach(async () => {
  temp = await makeTempDir();
  home = path.join(temp.dir, 'home');
  await mkdir(home, { recursive: true });
  core = await createTestHostCore(temp.dir, home);
});

afterEach(async () => {
  core.close();
  await temp.cleanup();
});

describe('Parquet and JSON through native DuckDB', () => {
  it('turns a Parquet file into a database table with every type kept', async () => {
    await writeOrdersParquet(path.join(home, 'orders.parquet'), 150_000);
    const dataset = await open('orders.parquet');
    expect(dataset.format).toBe('parquet');
    const response = await call(`/api/datasets/${dataset.id}/table`);
    expect(response.status).toBe(200);
    const summary = (from: string) =>
      `SELECT count(*), sum(o_totalprice)::VARCHAR, min(o_orderdate)::VARCHAR, typeof(any_value(o_totalprice)), typeof(any_value(o_orderkey)), md5(string_agg(o_comment, '' ORDER BY o_orderkey)) FROM ${from}`;
    const converted = await readConverted(await response.arrayBuffer(), summary('data'));
    // The same summary straight from the Parquet file, by native DuckDB itself.
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const direct = (await connection.runAndReadAll(summary(`read_parquet('${path.join(home, 'orders.parquet')}')`))).getRows();
    connection.closeSync();
    instance.closeSync();
    expect(converted).toEqual(direct);
    expect(converted[0]?.slice(0, 5)).toEqual([150000n, direct[0]?.[1], '1992-01-01', 'DECIMAL(15,2)', 'BIGINT']);
  });

  it('reads JSON arrays and newline-delimited JSON', async () => {
    await writeFile(path.join(home, 'people.json'), JSON.stringify([{ name: 'Ada', born: 1815, tags: ['math'] }, { name: 'Alan', born: 1912, tags: [] }]));
    await writeFile(path.join(home, 'events.ndjson'), '{"id":1,"at":"2024-01-02T03:04:05Z"}\n{"id":2,"at":"2024-05-06T07:08:09Z"}\n');
    const people = await call(`/api/datasets/${(await open('people.json')).id}/table`);
    expect(await readConverted(await people.arrayBuffer(), 'SELECT name, born, tags FROM data ORDER BY born')).toEqual([
      ['Ada', 1815n, expect.anything()],
      ['Alan', 1912n, expect.anything()],
    ]);
    const events = await call(`/api/datasets/${(await open('events.ndjson')).id}/table`);
    expect(await readConverted(await events.arrayBuffer(), 'SELECT count(*) FROM data')).toEqual([[2n]]);
  });

  it('converts once and serves the cached file after that, in ranges too', async () => {
    await writeOrdersParquet(path.join(home, 'small.parquet'), 25);
    const dataset = await open('small.parquet');
    const whole = await call(`/api/datasets/${dataset.id}/table`);
    const size = Number(whole.headers.get('content-length'));
    const head = await call(`/api/datasets/${dataset.id}/table`, { headers: { Range: 'bytes=0-7' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-7/${size}`);
    const files = await readdir(path.join(temp.dir, 'data', 'cache', 'tables'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.duckdb$/);
  });

  it('explains a corrupt Parquet file and leaves no partial file behind', async () => {
    await writeFile(path.join(home, 'broken.parquet'), Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(100, 7)]));
    const response = await call(`/api/datasets/${(await open('broken.parquet')).id}/table`);
    expect(response.status).toBe(422);
    const body = (await response.json()) as HostError;
    expect(body.error).toMatch(/^Could not read “broken\.parquet”: /);
    expect(await readdir(path.join(temp.dir, 'data', 'cache', 'tables'))).toEqual([]);
  });

  it('explains malformed JSON', async () => {
    await writeFile(path.join(home, 'bad.json'), '[{"a": 1}, {"a": ');
    const response = await call(`/api/datasets/${(await open('bad.json')).id}/table`);
    expect(response.status).toBe(422);
    expect(((await response.json()) as HostError).error).toMatch(/^Could not read “bad\.json”: .*JSON/s);
  });
});
