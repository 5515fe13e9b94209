import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { NativeEngine } from '../../../electron/host/native/nativeEngine';
import { builtNativeProcessScript } from '../../support/builtApp';
import { makeTempDir } from '../../support/tempDir';
import { writeOrdersParquet } from '../../support/parquetFixtures';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let native: NativeEngine;

beforeEach(async () => {
  temp = await makeTempDir();
  native = new NativeEngine(builtNativeProcessScript());
});
afterEach(async () => {
  native.stop();
  await temp.cleanup();
});

const convert = (source: string, target: string) =>
  native.request({ type: 'convert', source, format: 'parquet', target, spillDir: path.join(temp.dir, 'spill'), memoryLimit: '512MB', threads: 2 });

it('fails requests in flight with one clear message when the process dies, and starts afresh on the next', async () => {
  const source = path.join(temp.dir, 'orders.parquet');
  await writeOrdersParquet(source, 600_000);
  const inFlight = convert(source, path.join(temp.dir, 'a.duckdb'));
  setTimeout(() => native.stop(), 50);
  await expect(inFlight).rejects.toThrow(/^The native DuckDB process stopped unexpectedly \(SIGTERM\)/);
  const next = await convert(source, path.join(temp.dir, 'b.duckdb'));
  expect(next).toEqual({ id: expect.any(Number), ok: true, rowCount: 600_000 });
});

it('reads only the file it was given: the lockdown rejects any other path', async () => {
  // A glob would reach the other file beside the one allowed: DuckDB itself refuses to read it.
  await writeOrdersParquet(path.join(temp.dir, 'allowed.parquet'), 10);
  await writeOrdersParquet(path.join(temp.dir, 'secret.parquet'), 10);
  const response = await convert(path.join(temp.dir, '*.parquet'), path.join(temp.dir, 'c.duckdb'));
  expect(response.ok).toBe(false);
  expect(response.ok === false && response.message).toMatch(/^Permission Error: Cannot access file ".*(allowed|secret)\.parquet" - file system operations are disabled by configuration/);
});
