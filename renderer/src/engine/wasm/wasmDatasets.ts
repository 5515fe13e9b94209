import { tableFromIPC, type Table } from 'apache-arrow';
import type { Dataset, DatasetFormat } from '../../../../shared/contract/hostApi';
import { arrowMagicBytes, arrowReadFailure } from '../../../../shared/formats/arrowIpcDamage';
import { isGzipped, nativeOnly, needsNativeReader } from '../../../../shared/contract/fileFormats';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { EngineError, type EngineFileFormat, type LoadProgressUpdate } from '../engine';

/**
 * The largest file the in-app engine is asked to load. WebAssembly memory ends at 4 GiB and a load
 * holds the file's bytes and the table built from them at once; past this a load would fail late,
 * after reading gigabytes, with an allocation error. (Parquet and JSON arrive as compressed DuckDB
 * tables, so their limit applies to the converted size, checked the same way.)
 */
export const inAppFileLimitBytes = 1.5 * 2 ** 30;

/** A file the in-app engine cannot take but the native engine can: the user is offered the switch. */
export class NeedsNativeEngine extends EngineError {
  constructor(message: string) {
    super(message, null, 'nativeEngine');
    this.name = 'NeedsNativeEngine';
  }
}

/** Refuses a file the in-app engine cannot hold, before reading it, and points to the native engine. */
export function tooLargeForInApp(fileName: string, bytes: number): EngineError {
  return new NeedsNativeEngine(t('error.fileTooLarge', { file: fileName, size: { bytes }, limit: { bytes: inAppFileLimitBytes } }));
}

/** How a file of each format reaches the in-app engine: Parquet and JSON as a DuckDB table read on the main side. */
function engineFormatOf(format: DatasetFormat): EngineFileFormat {
  return needsNativeReader(format) ? 'duckdb' : (format as EngineFileFormat);
}

/** A dataset's bytes for the in-app engine, fetched from the host with progress. */
export async function readDatasetForInApp(
  dataset: Dataset,
  onProgress: (progress: LoadProgressUpdate) => void,
): Promise<{ format: EngineFileFormat; bytes: Uint8Array }> {
  if (isGzipped(dataset.fileName)) throw new NeedsNativeEngine(t('error.gzipNeedsNative', { file: dataset.fileName }));
  if (nativeOnly(dataset.format)) throw new NeedsNativeEngine(t('error.duckdbNeedsNative', { file: dataset.fileName }));
  const native = needsNativeReader(dataset.format);
  // Parquet and JSON are compressed: their size says little about the table's; the converted file is checked as it arrives.
  if (!native && dataset.sizeBytes > inAppFileLimitBytes) throw tooLargeForInApp(dataset.fileName, dataset.sizeBytes);
  onProgress({ phase: native ? 'preparing' : 'reading', fraction: native ? null : 0 });
  const bytes = await hostClient.datasetBytes(
    dataset.id,
    ({ loaded, total }) => onProgress({ phase: 'reading', fraction: total > 0 ? loaded / total : null }),
    {
      as: native ? 'table' : 'content',
      maxBytes: inAppFileLimitBytes,
      tooLarge: (size) => tooLargeForInApp(dataset.fileName, size),
      fileName: dataset.fileName,
    },
  );
  return { format: engineFormatOf(dataset.format), bytes };
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
