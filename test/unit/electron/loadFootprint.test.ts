import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTestHostCore, requestsTo } from '../../support/testHostCore';
import { makeTempDir } from '../../support/tempDir';
import { writeOrdersParquet, writeParquetClaimingSize } from '../../support/parquetFixtures';
import type { HostCore } from '../../../electron/host/hostCore';
import type { Dataset } from '../../../shared/contract/hostApi';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let core: HostCore;
const { send, call } = requestsTo(() => core);

async function start(): Promise<string> {
  temp = await makeTempDir();
  const home = path.join(temp.dir, 'home');
  await mkdir(home, { recursive: true });
  await mkdir(path.join(temp.dir, 'renderer'));
  await mkdir(path.join(temp.dir, 'datasets'));
  return home;
}

afterEach(async () => {
  core?.close();
  await temp?.cleanup();
});

async function open(file: string): Promise<Dataset> {
  const response = await send('POST', '/api/datasets/open', { path: file });
  expect(response.status).toBe(200);
  return (await response.json()) as Dataset;
}

it('reads a Parquet file’s uncompressed size from its footer, without reading its rows', async () => {
  const home = await start();
  core = await createTestHostCore(temp.dir, home);
  const file = path.join(home, 'claims.parquet');
  await writeParquetClaimingSize(file, 1_000, 3 * 2 ** 30);
  const dataset = await open(file);
  const response = await call(`/api/datasets/${dataset.id}/footprint`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ uncompressedBytes: 3 * 2 ** 30, rowCount: 1_000 });
});

it('says why when the footer cannot be read', async () => {
  const home = await start();
  core = await createTestHostCore(temp.dir, home);
  const file = path.join(home, 'broken.parquet');
  await writeFile(file, 'PAR1 not a Parquet file PAR1');
  const response = await call(`/api/datasets/${(await open(file)).id}/footprint`);
  expect(response.status).toBe(422);
  expect(((await response.json()) as { code: string }).code).toBe('error.nativeRead');
});

it('stops a conversion on request: the table request fails and nothing is cached', async () => {
  const home = await start();
  core = await createTestHostCore(temp.dir, home);
  const file = path.join(home, 'orders.parquet');
  await writeOrdersParquet(file, 6_000_000);
  const dataset = await open(file);
  const table = call(`/api/datasets/${dataset.id}/table`);
  // Asked until the conversion runs (its progress is known), then stopped.
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { fraction } = (await (await call(`/api/datasets/${dataset.id}/conversion`)).json()) as { fraction: number | null };
    if (fraction !== null) break;
  }
  const started = Date.now();
  expect((await call(`/api/datasets/${dataset.id}/conversion`, { method: 'DELETE' })).status).toBe(204);
  const response = await table;
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(response.status).toBeGreaterThanOrEqual(400);
  const cached = await readdir(path.join(temp.dir, 'data', 'cache', 'tables')).catch(() => []);
  expect(cached.filter((name) => name.endsWith('.duckdb'))).toEqual([]);
});

it('empties the spill folder at start (files a crashed process left) and reports its size', async () => {
  const home = await start();
  const spill = path.join(temp.dir, 'data', 'spill');
  await mkdir(spill, { recursive: true });
  await writeFile(path.join(spill, 'duckdb_temp_storage_S32K-0.tmp'), new Uint8Array(4096));
  core = await createTestHostCore(temp.dir, home);
  expect(await readdir(spill)).toEqual([]);
  expect(await (await call('/api/native/spill')).json()).toEqual({ bytes: 0 });
  await writeFile(path.join(spill, 'block.tmp'), new Uint8Array(1234));
  expect(await (await call('/api/native/spill')).json()).toEqual({ bytes: 1234 });
});
