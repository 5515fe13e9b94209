/* global window */
/**
 * The baseline for the CSV benchmark: duckdb-wasm used the plainest way, with nothing of Data Lab
 * around it. Same EH bundle from the package's own files as the app (no CDN), same worker setup.
 */
import { startRawEngine } from '../rawEngine.js';

const started = startRawEngine();

window.rawBench = {
  ready: started.then(() => true),
  /** fetch → registerFileBuffer → CREATE TABLE AS read_csv, each step timed with performance.now(). */
  async loadCsv(url) {
    const { db, connection } = await started;
    const t0 = performance.now();
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const t1 = performance.now();
    // registerFileBuffer transfers the buffer to the worker, which empties `bytes` here.
    const byteCount = bytes.byteLength;
    await db.registerFileBuffer('f.csv', bytes);
    const t2 = performance.now();
    await connection.query("CREATE TABLE t AS SELECT * FROM read_csv('f.csv')");
    const t3 = performance.now();
    const count = await connection.query('SELECT count(*)::DOUBLE AS n FROM t');
    const described = await connection.query('DESCRIBE t');
    return {
      totalMs: t3 - t0,
      fetchMs: t1 - t0,
      registerMs: t2 - t1,
      createMs: t3 - t2,
      bytes: byteCount,
      rows: Number(count.getChildAt(0)?.get(0)),
      columns: described.numRows,
    };
  },
};
