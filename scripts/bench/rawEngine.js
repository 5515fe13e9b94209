/* global Worker */
/**
 * duckdb-wasm started the plainest way, with nothing of Data Lab around it: the baseline the raw
 * benchmark pages share. Bundles from the package's own files (no CDN), one worker, as the app does.
 *
 * - 'eh' (default): the bundle the app uses. Single-threaded, works in any page.
 * - 'coi': the threaded bundle. Needs a cross-origin-isolated page (COOP same-origin + COEP
 *   require-corp, so that SharedArrayBuffer exists); DuckDB's worker threads run as pthread workers.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthreadUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';

const bundles = {
  eh: { wasm: ehWasmUrl, worker: ehWorkerUrl, pthread: null },
  coi: { wasm: coiWasmUrl, worker: coiWorkerUrl, pthread: coiPthreadUrl },
};

async function start(bundleName, maximumThreads) {
  const bundle = bundles[bundleName];
  if (!bundle) throw new Error(`unknown duckdb-wasm bundle "${bundleName}"`);
  if (bundle.pthread && !globalThis.crossOriginIsolated) throw new Error('the COI bundle needs a cross-origin-isolated page');
  const t0 = performance.now();
  const worker = new Worker(bundle.worker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.wasm, bundle.pthread);
  const t1 = performance.now();
  // maximumThreads: only the COI bundle can use more than one (duckdb-wasm's default there is 4).
  await db.open(maximumThreads ? { maximumThreads } : {});
  const connection = await db.connect();
  const t2 = performance.now();
  // Start-up timings: worker created → module fetched, compiled and instantiated; then open + connect.
  const timing = { instantiateMs: t1 - t0, openMs: t2 - t1, startMs: t2 - t0 };
  return { db, connection, bundle: bundleName, timing };
}

/** Starts the engine; the promise settles with `{ db, connection, bundle, timing }`. */
export function startRawEngine(bundleName = 'eh', { maximumThreads } = {}) {
  const started = start(bundleName, maximumThreads);
  // Keeps an unhandled rejection out of the console; the driver sees the error through `ready`.
  started.catch(() => undefined);
  return started;
}
