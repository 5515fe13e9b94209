import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { HostError } from '../../../shared/contract/hostApi';
import { frameHead, jsonFrame, partsByteLength } from '../../../shared/contract/tableFrames';
import { HostFailure } from '../hostFailure';
import { NativeCallError, type NativeWorker } from '../native/nativeWorker';
import { defaultNativeSettings } from '../native/nativeSession';
import type { OpenDataset } from './datasetRegistry';
import { guardJsonNesting } from './jsonNestingGuard';

/**
 * Frames of Arrow that the host keeps queued ahead of the page: the native process reads and
 * encodes the next batches while the page inserts the last one.
 */
const readAheadBytes = 24 * 2 ** 20;

/**
 * Parquet and JSON files for the in-app engine, streamed: native DuckDB reads the file and sends
 * its rows as Arrow batches (native/tableStream.ts), which this writes to the response as frames
 * (shared/contract/tableFrames.ts) as the page reads them. Nothing is written to disk. A file
 * whose types the stream cannot carry gets a header naming the columns and no batch: the page
 * then asks for the database file (ConvertedTables).
 */
export class StreamedTables {
  /** The stream of each dataset being read, for Cancel. */
  private readonly streams = new Map<string, string>();

  constructor(
    private readonly native: NativeWorker,
    private readonly spillDir: string,
  ) {}

  async response({ dataset, realPath }: OpenDataset): Promise<Response> {
    if (dataset.format !== 'parquet' && dataset.format !== 'json') throw new HostFailure(400, 'error.notConverted', { file: dataset.fileName });
    const format = dataset.format;
    const before = await stat(realPath).catch(() => null);
    if (!before?.isFile()) throw new HostFailure(409, 'error.fileChanged', { file: dataset.fileName });
    if (format === 'json') await guardJsonNesting(realPath, dataset.fileName);
    const streamId = randomBytes(8).toString('hex');
    this.streams.set(dataset.id, streamId);
    const forget = (): void => {
      if (this.streams.get(dataset.id) === streamId) this.streams.delete(dataset.id);
    };
    let header;
    try {
      header = await this.native
        .call('streamOpen', { streamId, source: realPath, format, spillDir: this.spillDir, settings: defaultNativeSettings() })
        .catch((error: unknown) => Promise.reject(failureOf(error, dataset.fileName)));
    } catch (error) {
      forget();
      throw error;
    }
    let open = header.uncarried.length === 0;
    let canceled = false;
    let rows = 0;
    const close = (): void => {
      forget();
      if (!open) return;
      open = false;
      void this.native.call('streamClose', { streamId }).catch(() => undefined);
    };
    if (!open) forget();
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          controller.enqueue(jsonFrame({ kind: 'header', header }));
          if (!open) controller.close();
        },
        pull: async (controller) => {
          try {
            const next = await this.native.call('streamNext', { streamId });
            if (canceled) return;
            if (next.batch) {
              rows += next.rows;
              controller.enqueue(frameHead('batch', partsByteLength(next.batch), next.rows));
              for (const part of next.batch) controller.enqueue(part);
              return;
            }
            open = false;
            forget();
            // A file rewritten while DuckDB read it may give a torn table: never handed over as complete.
            const after = await stat(realPath).catch(() => null);
            if (after?.size !== before.size || after.mtimeMs !== before.mtimeMs) throw new HostFailure(409, 'error.fileChanged', { file: dataset.fileName });
            controller.enqueue(jsonFrame({ kind: 'end', rows }));
          } catch (error) {
            close();
            if (canceled) return;
            const failure = failureOf(error, dataset.fileName);
            const hostError: HostError = { error: failure.message, code: failure.code, params: failure.params };
            controller.enqueue(jsonFrame({ kind: 'error', error: hostError }));
          }
          controller.close();
        },
        // The page gave up (Cancel, a closed tab): the native read stops.
        cancel: () => {
          canceled = true;
          close();
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: readAheadBytes }),
    );
    return new Response(body, { headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' } });
  }

  /** Stops the dataset's stream, if one runs (the page cancelled its load or switched engines). */
  async cancel(datasetId: string): Promise<void> {
    const streamId = this.streams.get(datasetId);
    if (!streamId) return;
    this.streams.delete(datasetId);
    await this.native.call('streamClose', { streamId }).catch(() => undefined);
  }
}

function failureOf(error: unknown, fileName: string): HostFailure {
  if (error instanceof HostFailure) return error;
  const status = error instanceof NativeCallError && error.processStopped ? 500 : 422;
  if (error instanceof NativeCallError && error.coded) return new HostFailure(status, error.coded.key, error.coded.params);
  return new HostFailure(status, 'error.nativeRead', { file: fileName, message: error instanceof Error ? error.message : String(error) });
}
