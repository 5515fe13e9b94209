/* global window */
/**
 * Injected into the app's pages before any of their scripts (a Playwright init script, so the page's
 * CSP does not apply to it). It only observes: when the benchmark's own clicks and keys arrived, and
 * when each request to the SQL engine's worker was sent and answered, so the CSV load can be broken
 * down into its steps without touching the app's code.
 */
(() => {
  if (window.__bench) return;
  const bench = { input: {}, worker: [] };
  window.__bench = bench;

  // Capture phase on window: the earliest point page script can see an input event.
  for (const type of ['click', 'dblclick', 'keydown']) {
    window.addEventListener(
      type,
      (event) => {
        bench.input[type === 'keydown' ? `keydown:${event.key}` : type] = performance.now();
      },
      true,
    );
  }

  // duckdb-wasm's AsyncDuckDB posts {messageId, type, data} and gets {requestId, type, data} back.
  const progressTypes = new Set(['LOG', 'PROGRESS_UPDATE', 'INSTANTIATE_PROGRESS']);
  const NativeWorker = window.Worker;
  window.Worker = class BenchWorker extends NativeWorker {
    constructor(...args) {
      super(...args);
      const pending = new Map();
      this.benchPending = pending;
      // Added before duckdb-wasm's own listener, so the time is taken before it handles the answer.
      this.addEventListener('message', (event) => {
        const message = event.data;
        if (!message || typeof message.requestId !== 'number' || progressTypes.has(message.type)) return;
        const entry = pending.get(message.requestId);
        if (!entry) return;
        pending.delete(message.requestId);
        entry.done = performance.now();
      });
    }

    postMessage(message, ...rest) {
      if (this.benchPending && message && typeof message.messageId === 'number' && typeof message.type === 'string') {
        const data = message.data;
        const sql = Array.isArray(data) && typeof data[1] === 'string' ? data[1].trim().slice(0, 160) : null;
        const entry = { type: message.type, sql, sent: performance.now(), done: null };
        if (bench.worker.length < 20_000) bench.worker.push(entry);
        this.benchPending.set(message.messageId, entry);
      }
      return super.postMessage(message, ...rest);
    }
  };
})();
