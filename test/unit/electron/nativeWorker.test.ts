import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { NativeWorker } from '../../../electron/host/native/nativeWorker';
import { defaultNativeSettings } from '../../../electron/host/native/nativeSession';
import { builtNativeProcessScript } from '../../support/builtApp';
import { makeTempDir } from '../../support/tempDir';
import { writeOrdersParquet } from '../../support/parquetFixtures';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let native: NativeWorker;

beforeEach(async () => {
  temp = await makeTempDir();
  native = new NativeWorker(builtNativeProcessScript());
});
afterEach(async () => {
  native.stop();
  await temp.cleanup();
});

const convert = (source: string, target: string) =>
  native.call('convert', { source, format: 'parquet', target, spillDir: path.join(temp.dir, 'spill'), settings: { ...defaultNativeSettings(), memoryLimit: '512MB' }, conversionId: path.basename(target) });

it('fails calls in flight with one clear message when the process dies, and starts afresh on the next', async () => {
  const source = path.join(temp.dir, 'orders.parquet');
  await writeOrdersParquet(source, 600_000);
  const stops: string[] = [];
  native.onStop((reason) => stops.push(reason));
  const inFlight = convert(source, path.join(temp.dir, 'a.duckdb'));
  setTimeout(() => native.stop(), 50);
  await expect(inFlight).rejects.toThrow(/^The native DuckDB process stopped unexpectedly \(SIGTERM\)/);
  expect(stops).toEqual(['SIGTERM']);
  expect(await convert(source, path.join(temp.dir, 'b.duckdb'))).toEqual({ rowCount: 600_000 });
});

it('reads only the file it was given: the lockdown rejects any other path', async () => {
  // A glob would reach the other file beside the one allowed: DuckDB itself refuses to read it.
  await writeOrdersParquet(path.join(temp.dir, 'allowed.parquet'), 10);
  await writeOrdersParquet(path.join(temp.dir, 'secret.parquet'), 10);
  await expect(convert(path.join(temp.dir, '*.parquet'), path.join(temp.dir, 'c.duckdb'))).rejects.toThrow(
    /^Permission Error: Cannot access file ".*(allowed|secret)\.parquet" - file system operations are disabled by configuration/,
  );
});
