/**
 * Parquet and JSON into the in-app engine by streaming: native DuckDB reads the file on the main
 * side and the host sends its rows as Arrow batches (shared/contract/tableFrames.ts), each one
 * inserted with duckdb-wasm's `insertArrowFromIPCStream` while the next is read and sent. Nothing
 * is written to disk, and nothing is held but a few batches besides the table.
 *
 * The table keeps every type: the host does not stream a file with a type Arrow cannot carry
 * exactly (ENUM, TIME_NS: see electron/host/native/tableStream.ts), and once the first batch has
 * made the table, its column types are checked against native DuckDB's. Either way the answer is
 * `carried: false` with the reason, and the caller loads the file the older way, as a DuckDB
 * database file that the engine attaches (slower: written to disk, read whole, then copied, but
 * every DuckDB type survives it).
 */
import type { Dataset } from '../../../../shared/contract/hostApi';
import { readTableFrames, type TableStreamHeader } from '../../../../shared/contract/tableFrames';
import { isMessageKey } from '../../../../shared/i18n/translate';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { EngineError, LoadCanceledError, type LoadProgressUpdate } from '../engine';

/** What the engine does with the batches; each call waits its turn on the engine's connection. */
export interface StreamTarget {
  /** Inserts one batch (a complete Arrow IPC stream, transferred); the first creates the table. */
  insert(batch: Uint8Array, create: boolean): Promise<void>;
  /** The table's column types, as DESCRIBE prints them. */
  columnTypes(): Promise<string[]>;
  drop(): Promise<void>;
}

export type StreamedLoad = { carried: true; rowCount: number } | { carried: false; reason: string };

/** Where the time went, for the benchmark (read as a performance entry named `datalab:streamed-load`). */
interface StreamTimes {
  batches: number;
  bytes: number;
  rows: number;
  /** From the request to the header (the native read's start). */
  headerMs: number;
  /** Waiting for batches while no insert ran. */
  waitMs: number;
  /** Inserting (in the engine's worker), summed. */
  insertMs: number;
}

export async function loadStreamed(
  dataset: Dataset,
  target: StreamTarget,
  onProgress: (progress: LoadProgressUpdate) => void,
  signal?: AbortSignal,
): Promise<StreamedLoad> {
  const started = performance.now();
  const times: StreamTimes = { batches: 0, bytes: 0, rows: 0, headerMs: 0, waitMs: 0, insertMs: 0 };
  const stopHost = (): void => void hostClient.cancelConversion(dataset.id).catch(() => undefined);
  signal?.addEventListener('abort', stopHost, { once: true });
  let created = false;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  try {
    reader = (await hostClient.datasetTableFrames(dataset.id, signal)).getReader();
    let header: TableStreamHeader | null = null;
    /** The insert under way: the next batch is read meanwhile, and inserted once it is done. */
    let inserting: Promise<void> | null = null;
    /** Since when the engine has had nothing to insert (null while an insert runs). */
    let idleSince: number | null = null;
    for await (const frame of readTableFrames(chunksOf(reader))) {
      if (signal?.aborted) throw new LoadCanceledError();
      switch (frame.kind) {
        case 'header':
          header = frame.header;
          times.headerMs = performance.now() - started;
          idleSince = performance.now();
          if (header.uncarried.length > 0) return { carried: false, reason: `types Arrow cannot carry: ${header.uncarried.join(', ')}` };
          onProgress({ phase: 'reading', fraction: header.rowCount ? 0 : null });
          break;
        case 'batch': {
          if (!header) throw new EngineError(t('error.host', { message: 'batch before header' }));
          if (idleSince !== null) times.waitMs += performance.now() - idleSince;
          if (inserting) await inserting;
          if (signal?.aborted) throw new LoadCanceledError();
          const create = !created;
          created = true;
          const insertStarted = performance.now();
          idleSince = null;
          const rows = frame.rows;
          times.batches += 1;
          times.bytes += frame.bytes.byteLength;
          inserting = target.insert(frame.bytes, create).then(() => {
            times.insertMs += performance.now() - insertStarted;
            times.rows += rows;
            const total = header?.rowCount;
            onProgress({ phase: 'reading', fraction: total ? Math.min(1, times.rows / total) : null });
            idleSince = performance.now();
          });
          // Settled by the await above or below; a failure is thrown there, never unhandled.
          inserting.catch(() => undefined);
          if (create) {
            await inserting;
            inserting = null;
            const expected = header.columns.map((column) => column.type);
            const found = await target.columnTypes();
            if (found.join('\n') !== expected.join('\n')) {
              await reader.cancel().catch(() => undefined);
              await target.drop();
              created = false;
              return { carried: false, reason: `types differ: native ${expected.join(', ')}; in-app ${found.join(', ')}` };
            }
          }
          break;
        }
        case 'error': {
          const { code, params, error } = frame.error;
          throw new EngineError(isMessageKey(code) ? t(code, params) : error);
        }
        case 'end': {
          if (inserting) await inserting;
          if (!header) throw new EngineError(t('error.host', { message: 'end before header' }));
          // An empty file sends its schema alone (one batch of no rows): the table exists either way.
          if (!created) throw new EngineError(t('error.host', { message: 'no batch' }));
          performance.measure('datalab:streamed-load', { start: started, detail: { ...times, totalMs: performance.now() - started } });
          return { carried: true, rowCount: frame.rows };
        }
      }
    }
    // The body stopped without its end frame: the host or the connection failed mid-way.
    if (signal?.aborted) throw new LoadCanceledError();
    throw new EngineError(t('load.streamCut', { file: dataset.fileName, rows: times.rows }));
  } catch (error) {
    await reader?.cancel().catch(() => undefined);
    if (created) await target.drop().catch(() => undefined);
    if (signal?.aborted) throw new LoadCanceledError();
    throw error;
  } finally {
    signal?.removeEventListener('abort', stopHost);
    reader?.releaseLock();
  }
}

async function* chunksOf(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
