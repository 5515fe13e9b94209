// The engine's files come from the app itself (Vite copies them as assets); never from a CDN.
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { DuckDBBundles } from '@duckdb/duckdb-wasm';

/**
 * EH (WebAssembly exceptions) is what Chromium and Electron run; MVP is the fallback for a
 * browser without them. The threaded COI build needs cross-origin isolation and is not shipped yet.
 */
export const wasmBundles: DuckDBBundles = {
  mvp: { mainModule: mvpWasmUrl, mainWorker: mvpWorkerUrl },
  eh: { mainModule: ehWasmUrl, mainWorker: ehWorkerUrl },
};
