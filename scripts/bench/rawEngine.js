/* global Worker */
/**
 * duckdb-wasm started the plainest way, with nothing of Data Lab around it: the baseline the raw
 * benchmark pages share. Same EH bundle from the package's own files as the app (no CDN), same
 * worker setup.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

async function start() {
  const worker = new Worker(ehWorkerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(ehWasmUrl);
  await db.open({});
  const connection = await db.connect();
  return { db, connection };
}

/** Starts the engine; the promise settles with `{ db, connection }`. */
export function startRawEngine() {
  const started = start();
  // Keeps an unhandled rejection out of the console; the driver sees the error through `ready`.
  started.catch(() => undefined);
  return started;
}
