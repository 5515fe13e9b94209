import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { HostFailure } from '../hostFailure';
import { NativeCallError, type NativeWorker } from '../native/nativeWorker';
import { defaultNativeSettings } from '../native/nativeSession';
import type { OpenDataset } from './datasetRegistry';
import { guardJsonNesting } from './jsonNestingGuard';
import type { ConversionCache } from './conversionCache';

/**
 * Parquet and JSON files, read by native DuckDB into DuckDB database files that the in-app engine
 * attaches. A database file of the same DuckDB minor version keeps every type exactly (decimals, nested
 * types, timestamps with time zones), which an export to CSV or JSON would not. Files are cached by
 * path, size and modification time, and written under a temporary name then renamed, so a failed
 * or interrupted conversion never leaves a half-written file where a good one is expected. The
 * cache has a size cap, least recently used first out (conversionCache.ts).
 */
export class ConvertedTables {
  private readonly inFlight = new Map<string, Promise<string>>();
  /** The conversion id of each dataset being converted, for its progress and Cancel. */
  private readonly conversions = new Map<string, string>();

  constructor(
    private readonly native: NativeWorker,
    private readonly cache: ConversionCache,
    private readonly spillDir: string,
  ) {}

  async fileFor({ dataset, realPath }: OpenDataset): Promise<string> {
    if (dataset.format !== 'parquet' && dataset.format !== 'json') {
      throw new HostFailure(400, 'error.notConverted', { file: dataset.fileName });
    }
    const format = dataset.format;
    const info = await stat(realPath).catch(() => null);
    if (!info?.isFile()) throw new HostFailure(409, 'error.fileChanged', { file: dataset.fileName });
    const key = createHash('sha256').update(`${realPath}\0${info.size}\0${info.mtimeMs}`).digest('hex').slice(0, 32);
    const cached = await this.cache.lookup(key);
    if (cached) return cached;
    const target = this.cache.entryPath(key);

    let running = this.inFlight.get(key);
    if (!running) {
      if (format === 'json') await guardJsonNesting(realPath, dataset.fileName);
      const conversionId = randomBytes(8).toString('hex');
      this.conversions.set(dataset.id, conversionId);
      running = this.convert(realPath, format, target, dataset.fileName, info, conversionId).finally(() => {
        this.inFlight.delete(key);
        if (this.conversions.get(dataset.id) === conversionId) this.conversions.delete(dataset.id);
      });
      this.inFlight.set(key, running);
    }
    return running;
  }

  /** How far the dataset's conversion has got (0..1); null when none runs or DuckDB cannot tell. */
  async progress(datasetId: string): Promise<number | null> {
    const conversionId = this.conversions.get(datasetId);
    if (!conversionId) return null;
    return (await this.native.call('convertProgress', { conversionId }).catch(() => ({ fraction: null }))).fraction;
  }

  /** Stops the dataset's conversion, if one runs (the page cancelled its load or switched engines). */
  async cancel(datasetId: string): Promise<void> {
    const conversionId = this.conversions.get(datasetId);
    if (conversionId) await this.native.call('convertCancel', { conversionId }).catch(() => undefined);
  }

  /** What a Parquet file will take once loaded, from its footer, without reading its rows. */
  async parquetFootprint({ dataset, realPath }: OpenDataset): Promise<{ uncompressedBytes: number; rowCount: number }> {
    if (dataset.format !== 'parquet') throw new HostFailure(400, 'error.notConverted', { file: dataset.fileName });
    return this.native
      .call('footprint', { source: realPath, spillDir: this.spillDir, settings: defaultNativeSettings() })
      .catch((error: unknown) => {
        if (error instanceof NativeCallError && error.coded) throw new HostFailure(422, error.coded.key, error.coded.params);
        throw new HostFailure(422, 'error.nativeRead', { file: dataset.fileName, message: error instanceof Error ? error.message : String(error) });
      });
  }

  private async convert(
    source: string,
    format: 'parquet' | 'json',
    target: string,
    fileName: string,
    before: { size: number; mtimeMs: number },
    conversionId: string,
  ): Promise<string> {
    await mkdir(this.cache.dir, { recursive: true });
    const partial = path.join(this.cache.dir, `${path.basename(target, '.duckdb')}.${randomBytes(4).toString('hex')}.partial.duckdb`);
    try {
      await this.native
        .call('convert', { source, format, target: partial, spillDir: this.spillDir, settings: defaultNativeSettings(), conversionId })
        .catch((error: unknown) => {
          if (error instanceof NativeCallError && error.coded) throw new HostFailure(error.processStopped ? 500 : 422, error.coded.key, error.coded.params);
          const message = error instanceof Error ? error.message : String(error);
          throw new HostFailure(error instanceof NativeCallError && error.processStopped ? 500 : 422, 'error.nativeRead', { file: fileName, message });
        });
      // A file rewritten while DuckDB read it may give a torn table: never cached, never served.
      const after = await stat(source).catch(() => null);
      if (after?.size !== before.size || after.mtimeMs !== before.mtimeMs) throw new HostFailure(409, 'error.fileChanged', { file: fileName });
      await rename(partial, target);
      await this.cache.evict(target);
      return target;
    } catch (error) {
      if (error instanceof HostFailure) throw error;
      throw new HostFailure(500, 'error.nativeRead', { file: fileName, message: error instanceof Error ? error.message : String(error) });
    } finally {
      await rm(partial, { force: true });
      await rm(`${partial}.wal`, { force: true });
    }
  }
}
