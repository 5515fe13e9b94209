/* global window */
/**
 * The baseline for the TPC-H benchmark: duckdb-wasm used the plainest way, with nothing of Data Lab
 * around it. Bundles from the package's own files (no CDN), same worker setup as the app: the EH
 * bundle by default, the threaded COI bundle with `?bundle=coi` (the page must then be served
 * cross-origin isolated); `&threads=N` or `&threads=cores` sets its DuckDB thread count.
 * The tables arrive as one DuckDB database file written by native DuckDB (what the workbench gets
 * from its host for Parquet files): registerFileBuffer → ATTACH (READ_ONLY) → CREATE TABLE AS.
 *
 * `&engine=app` also starts the app's own in-app engine module (renderer/src/engine/wasm, the
 * WasmEngine the page uses, with its settings, its statement gate and its result rows) beside the
 * raw engine, so that its queries and raw `conn.query` are timed in the same page (issue 14's
 * restated engine-path target).
 */
import { tableToIPC } from 'apache-arrow';
import { startRawEngine } from '../../rawEngine.js';
import { tableRows } from '../arrowText.mjs';

const search = new URLSearchParams(window.location.search);
const bundle = search.get('bundle') ?? 'eh';
// `?threads=cores`: as many DuckDB threads as the machine has logical CPUs (COI bundle only).
const threads = search.get('threads') === 'cores' ? navigator.hardwareConcurrency : Number(search.get('threads') ?? 0) || undefined;
const started = startRawEngine(bundle, { maximumThreads: threads });
const appEngine =
  search.get('engine') === 'app'
    ? import('../../../../renderer/src/engine/wasm/wasmEngine.ts').then(async ({ WasmEngine }) => {
        const engine = new WasmEngine();
        await engine.ready;
        return engine;
      })
    : null;
appEngine?.catch(() => undefined);

window.rawTpch = {
  /** Settles once the engine is open: which bundle, its start-up times, and what the page allows. */
  ready: started.then(async ({ connection, timing }) => {
    const threads = await connection.query("SELECT current_setting('threads')::INTEGER AS n");
    return { bundle, timing, crossOriginIsolated: globalThis.crossOriginIsolated === true, threads: Number(threads.getChildAt(0)?.get(0)) };
  }),
  /** fetch → registerFileBuffer → ATTACH → CREATE TABLE AS for each table, timed with performance.now(). */
  async load(url, tables) {
    const { db, connection } = await started;
    const t0 = performance.now();
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const byteCount = bytes.byteLength;
    const t1 = performance.now();
    await db.registerFileBuffer('tpch.duckdb', bytes);
    await connection.query("ATTACH 'tpch.duckdb' AS src (READ_ONLY)");
    const perTable = {};
    for (const table of tables) {
      const s = performance.now();
      await connection.query(`CREATE TABLE "${table}" AS SELECT * FROM src."${table}"`);
      perTable[table] = performance.now() - s;
    }
    await connection.query('DETACH src');
    await db.dropFile('tpch.duckdb');
    const t2 = performance.now();
    const counts = {};
    for (const table of tables) {
      const result = await connection.query(`SELECT count(*)::DOUBLE AS n FROM "${table}"`);
      counts[table] = Number(result.getChildAt(0)?.get(0));
    }
    return { totalMs: t2 - t0, fetchMs: t1 - t0, attachAndCreateMs: t2 - t1, perTableMs: perTable, bytes: byteCount, counts };
  },
  /**
   * Raw Arrow IPC ingestion of table `table` (already loaded): SELECT * → Arrow table in the page →
   * tableToIPC (untimed) → insertArrowFromIPCStream into a new table (timed: the bytes to the worker,
   * decoded and appended). (Raw Parquet → duckdb-wasm with read_parquet is not possible offline: the
   * npm build fetches its Parquet reader from the internet on first use.)
   */
  async ingestIpc(table) {
    const { connection } = await started;
    const arrowTable = await connection.query(`SELECT * FROM "${table}"`);
    const ipc = tableToIPC(arrowTable, 'stream');
    const ipcBytes = ipc.byteLength;
    const t0 = performance.now();
    await connection.insertArrowFromIPCStream(ipc, { name: `${table}_from_ipc`, create: true });
    const ipcMs = performance.now() - t0;
    const ipcRows = Number((await connection.query(`SELECT count(*)::DOUBLE FROM "${table}_from_ipc"`)).getChildAt(0)?.get(0));
    await connection.query(`DROP TABLE "${table}_from_ipc"`);
    return { ipcBytes, ipcMs, ipcRows };
  },
  /**
   * Time to first row of a `rows`-row result streamed with connection.send: from the call to the
   * first Arrow batch in the page, and to the last.
   */
  async firstRow(rows) {
    const { connection } = await started;
    const t0 = performance.now();
    const reader = await connection.send(`SELECT range AS id, range * 2 AS doubled, 'row ' || range AS label FROM range(${Number(rows)})`);
    let firstMs = NaN;
    let count = 0;
    for await (const batch of reader) {
      if (count === 0) firstMs = performance.now() - t0;
      count += batch.numRows;
    }
    return { firstMs, allMs: performance.now() - t0, rows: count };
  },
  /** One query, timed around conn.query (the whole result materialized as an Arrow table). */
  async query(sql, withRows) {
    const { connection } = await started;
    const t0 = performance.now();
    const table = await connection.query(sql);
    const ms = performance.now() - t0;
    return { ms, rowCount: table.numRows, ...(withRows ? tableRows(table) : {}) };
  },
  /** Copies the raw engine's tables into the app's engine module (untimed), as Arrow IPC. */
  async loadIntoApp(tables) {
    const { connection } = await started;
    const engine = await appEngine;
    for (const table of tables) {
      const bytes = tableToIPC(await connection.query(`SELECT * FROM "${table}"`), 'stream');
      await engine.loadFile({ table, fileName: `${table}.arrow`, format: 'arrow', bytes });
    }
  },
  /**
   * One query through the app's engine module: `execute` (the gate, the statement, the first rows)
   * until its result says every row is known, as the grid waits for it. The answer is read back as
   * the grid shows it (each cell's text).
   */
  async appQuery(sql, withRows) {
    const engine = await appEngine;
    const t0 = performance.now();
    const result = await engine.execute(sql);
    await result.finished;
    const ms = performance.now() - t0;
    const { rows } = result;
    const out = { ms, rowCount: rows.rowCount };
    if (withRows) {
      out.header = rows.columns.map((column) => column.name);
      out.rows = Array.from({ length: rows.rowCount }, (_, r) => rows.columns.map((_, c) => rows.cell(r, c)?.text ?? null));
    }
    result.release();
    return out;
  },
};
