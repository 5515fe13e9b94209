/**
 * The Parquet/JSON conversion cache (data/cache/tables): a size cap with the least recently used
 * entries evicted first, and whatever a crash left there removed when the app starts.
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createHostCore, type HostCore } from '../../../electron/host/hostCore';
import type { Dataset } from '../../../shared/contract/hostApi';
import { builtNativeProcessScript } from '../../support/builtApp';
import { writeOrdersParquet } from '../../support/parquetFixtures';
import { makeTempDir } from '../../support/tempDir';
import { requestsTo } from '../../support/testHostCore';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let home: string;
let cacheDir: string;
let core: HostCore | null = null;
const { send } = requestsTo(() => core!);

async function startCore(conversionCacheBytes?: number): Promise<void> {
  core?.close();
  core = await createHostCore({
    mode: 'browser',
    appVersion: 'test',
    rendererDir: path.join(temp.dir, 'renderer'),
    datasetsDir: path.join(temp.dir, 'datasets'),
    dataDir: path.join(temp.dir, 'data'),
    fileRoots: [{ label: 'Home', path: home }],
    nativeProcessScript: builtNativeProcessScript(),
    ...(conversionCacheBytes === undefined ? {} : { conversionCacheBytes }),
  });
}

/** Opens a Parquet file and fetches it as the in-app engine does (converted); the cache entries after. */
async function loadForInApp(file: string): Promise<string[]> {
  const dataset = (await (await send('POST', '/api/datasets/open', { path: path.join(home, file) })).json()) as Dataset;
  const response = await send('GET', `/api/datasets/${dataset.id}/table`);
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  return (await readdir(cacheDir)).sort();
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

beforeEach(async () => {
  temp = await makeTempDir();
  home = path.join(temp.dir, 'home');
  cacheDir = path.join(temp.dir, 'data', 'cache', 'tables');
  await mkdir(home, { recursive: true });
  await mkdir(path.join(temp.dir, 'renderer'));
  await mkdir(path.join(temp.dir, 'datasets'));
  for (const name of ['a', 'b', 'c']) await writeOrdersParquet(path.join(home, `${name}.parquet`), 2_000);
});
afterEach(async () => {
  core?.close();
  core = null;
  await temp.cleanup();
});

it('evicts the least recently used conversions past the cap, never the one just made', async () => {
  await startCore();
  const [a] = await loadForInApp('a.parquet');
  const entryBytes = (await stat(path.join(cacheDir, a!))).size;
  // Room for two entries and a half: the third conversion must evict one.
  await startCore(Math.floor(entryBytes * 2.5));
  await tick();
  const afterB = await loadForInApp('b.parquet');
  const b = afterB.find((name) => name !== a)!;
  expect(afterB).toEqual([a, b].sort());
  await tick();
  // Using a again makes b the least recently used.
  expect(await loadForInApp('a.parquet')).toEqual([a, b].sort());
  await tick();
  const afterC = await loadForInApp('c.parquet');
  expect(afterC).toHaveLength(2);
  expect(afterC).toContain(a);
  expect(afterC).not.toContain(b);

  // A cap smaller than one entry still keeps the entry just made, which the load reads.
  await startCore(1);
  expect(await readdir(cacheDir)).toEqual([]);
  expect(await loadForInApp('b.parquet')).toHaveLength(1);
});

it('removes what a crash left in the cache when the app starts, and keeps complete entries', async () => {
  await startCore();
  const [entry] = await loadForInApp('a.parquet');
  core!.close();
  core = null;
  const leftovers = ['0123456789abcdef0123456789abcdef.1a2b3c4d.partial.duckdb', '0123456789abcdef0123456789abcdef.1a2b3c4d.partial.duckdb.wal', `${entry}.wal`, 'notes.txt'];
  for (const name of leftovers) await writeFile(path.join(cacheDir, name), 'left by a crash');
  await startCore();
  expect(await readdir(cacheDir)).toEqual([entry]);
  // The kept entry is served as before, with no new conversion.
  expect(await loadForInApp('a.parquet')).toEqual([entry]);
});
