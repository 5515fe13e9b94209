import { tableFromIPC, type Table } from 'apache-arrow';
import type { Dataset, DatasetFormat } from '../../../../shared/contract/hostApi';
import { arrowMagicBytes, arrowReadFailure } from '../../../../shared/formats/arrowIpcDamage';
import { isGzipped, nativeOnly, needsNativeReader } from '../../../../shared/contract/fileFormats';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { EngineError, NeedsNativeEngine, TooBigForInApp, type EngineFileFormat, type LoadProgressUpdate } from '../engine';
import {
  footprintFromDisk,
  footprintFromParquet,
  inAppFileLimitBytes,
  inAppRefusal,
  type InAppRefusal,
  type LoadFootprint,
} from '../../../../shared/engine/loadFootprint';

/** What a dataset will take in the in-app engine: from the Parquet footer (read by the host), or from its size on disk. */
async function footprintOf(dataset: Dataset, signal?: AbortSignal): Promise<LoadFootprint | null> {
  switch (dataset.format) {
    case 'parquet': {
      const { uncompressedBytes } = await hostClient.datasetFootprint(dataset.id, signal);
      return footprintFromParquet(uncompressedBytes, dataset.sizeBytes);
    }
    case 'csv':
    case 'tsv':
    case 'json':
    case 'arrow':
      return footprintFromDisk(dataset.format, dataset.sizeBytes);
    default:
      return null;
  }
}

/** The error for a refusal by the in-app engine's size rules (shared/engine/loadFootprint.ts), with the native engine offered. */
export function refusalError(fileName: string, refusal: InAppRefusal): NeedsNativeEngine {
  if (refusal.rule === 'fileLimit') {
    return new NeedsNativeEngine(t('error.fileTooLarge', { file: fileName, size: { bytes: refusal.sizeBytes }, limit: { bytes: refusal.limitBytes } }));
  }
  const params = { file: fileName, footprint: { bytes: refusal.footprint.bytes }, budget: { bytes: refusal.budgetBytes } };
  return new TooBigForInApp(t('load.tooBig', params), refusal.verdict === 'clearlyTooBig', t('load.tooBigAuto', params));
}

/** Refuses a file the in-app engine cannot hold, by its size as it arrives, and points to the native engine. */
function tooLargeForInApp(fileName: string, bytes: number): EngineError {
  return refusalError(fileName, { rule: 'fileLimit', sizeBytes: bytes, limitBytes: inAppFileLimitBytes });
}

/** How a file of each format reaches the in-app engine: Parquet and JSON as a DuckDB table read on the main side. */
function engineFormatOf(format: DatasetFormat): EngineFileFormat {
  return needsNativeReader(format) ? 'duckdb' : (format as EngineFileFormat);
}

/**
 * Refuses, before a byte is read, a dataset the in-app engine cannot take: gzipped, a DuckDB
 * database, or an estimated footprint past `budgetBytes`.
 */
export async function admitForInApp(
  dataset: Dataset,
  onProgress: (progress: LoadProgressUpdate) => void,
  budgetBytes: number | null,
  signal?: AbortSignal,
): Promise<void> {
  if (isGzipped(dataset.fileName)) throw new NeedsNativeEngine(t('error.gzipNeedsNative', { file: dataset.fileName }));
  if (nativeOnly(dataset.format)) throw new NeedsNativeEngine(t('error.duckdbNeedsNative', { file: dataset.fileName }));
  const native = needsNativeReader(dataset.format);
  onProgress({ phase: native ? 'preparing' : 'reading', fraction: native ? null : 0 });
  const refusal = inAppRefusal(await footprintOf(dataset, signal), budgetBytes, native ? null : dataset.sizeBytes);
  if (refusal) throw refusalError(dataset.fileName, refusal);
}

/**
 * A dataset's bytes for the in-app engine, fetched from the host with progress; refused first,
 * before a byte is read, when its estimated footprint does not fit `budgetBytes`. `signal` stops
 * the fetch and the host's conversion.
 */
export async function readDatasetForInApp(
  dataset: Dataset,
  onProgress: (progress: LoadProgressUpdate) => void,
  budgetBytes: number | null,
  signal?: AbortSignal,
  /** The checks of admitForInApp were made already (the streamed route fell back to this one). */
  admitted = false,
): Promise<{ format: EngineFileFormat; bytes: Uint8Array }> {
  if (!admitted) await admitForInApp(dataset, onProgress, budgetBytes, signal);
  const native = needsNativeReader(dataset.format);
  // The host's conversion reports how far it has got; the page asks while it waits for the file.
  let converting = native;
  const watch = native
    ? (async () => {
        while (converting && !signal?.aborted) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          const fraction = await hostClient.conversionProgress(dataset.id).catch(() => null);
          if (converting && fraction !== null) onProgress({ phase: 'preparing', fraction });
        }
      })()
    : Promise.resolve();
  const stopConversion = (): void => void hostClient.cancelConversion(dataset.id).catch(() => undefined);
  if (native) signal?.addEventListener('abort', stopConversion, { once: true });
  try {
    const bytes = await hostClient.datasetBytes(
      dataset.id,
      ({ loaded, total }) => {
        converting = false;
        onProgress({ phase: 'reading', fraction: total > 0 ? loaded / total : null });
      },
      {
        as: native ? 'table' : 'content',
        maxBytes: inAppFileLimitBytes,
        tooLarge: (size) => tooLargeForInApp(dataset.fileName, size),
        fileName: dataset.fileName,
        ...(signal ? { signal } : {}),
      },
    );
    return { format: engineFormatOf(dataset.format), bytes };
  } finally {
    converting = false;
    signal?.removeEventListener('abort', stopConversion);
    void watch;
  }
}

/** An Arrow IPC file's table (file or stream format); a damaged or truncated file is refused in words the user can act on. */
export function arrowTableOf(bytes: Uint8Array): Table {
  try {
    return tableFromIPC(bytes);
  } catch (error) {
    const { key, params } = arrowReadFailure(bytes.subarray(0, arrowMagicBytes), bytes.subarray(Math.max(0, bytes.length - arrowMagicBytes)), error);
    throw new EngineError(t(key, params));
  }
}
