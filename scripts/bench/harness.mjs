/* global document, requestAnimationFrame, MutationObserver */
/**
 * What every benchmark script here needs: cleanup that runs however the script ends, steps under
 * deadlines, waits checked inside the page on every animation frame, and medians. One benchmark
 * runs per process, so the cleanup lists are the process's.
 */

import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { build } from 'vite';

let logPrefix = 'bench';
export function setLogPrefix(prefix) {
  logPrefix = prefix;
}
export function log(message) {
  process.stderr.write(`[${logPrefix}] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Cleanup: servers and the browser go away however the script ends.

/** Async tasks run in reverse order by `cleanup()`. */
export const cleanups = [];
/** Synchronous last resorts, run when the process exits without having awaited cleanup. */
export const exitKills = [];
let cleaningUp = null;
/** Set by a signal: the errors that follow are the browser closing under a running step. */
let interrupted = false;

export function cleanup() {
  cleaningUp ??= (async () => {
    for (const task of cleanups.reverse()) await task().catch((error) => log(`cleanup: ${error.message}`));
  })();
  return cleaningUp;
}
process.on('exit', () => exitKills.forEach((kill) => kill()));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Runs the benchmark's main, cleans up after it, and reports a failure (unless a signal caused it). */
export function runMain(main) {
  main()
    .then(() => cleanup())
    .catch(async (error) => {
      if (interrupted) return;
      log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await cleanup();
      process.exitCode = 1;
    });
}

/** Runs one step under a deadline, so that no single wait can stall the benchmark. */
export async function step(label, timeoutMs, work) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no result after ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Waiting inside the page. Playwright's own waits poll at intervals of up to a second; these check
// on every animation frame, i.e. at the moment a change could be painted, and report that moment
// in the page's own clocks: `now` (performance.now, for intervals within one page) and `epoch`
// (Date.now, the same wall clock as this process, for intervals that start at page.goto).

/** Evaluated in the page. */
function pollEachFrame(check, arg, timeoutMs) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const tick = () => {
      let value;
      try {
        value = check(arg);
      } catch (error) {
        reject(error);
        return;
      }
      if (value) resolve({ now: performance.now(), epoch: Date.now(), value });
      else if (performance.now() - started > timeoutMs) reject(new Error(`${check.name} (${JSON.stringify(arg)}) still false after ${timeoutMs} ms`));
      else requestAnimationFrame(tick);
    };
    tick();
  });
}

/**
 * `check` runs in the page and must be self-contained. It is sent as source text through the
 * DevTools protocol, which the page's CSP (no 'unsafe-eval') does not govern.
 */
export function until(page, check, arg, timeoutMs) {
  const expression = `(${pollEachFrame.toString()})(${check.toString()}, ${JSON.stringify(arg ?? null)}, ${timeoutMs})`;
  return step(`waiting for ${check.name}`, timeoutMs + 5_000, () => page.evaluate(expression));
}

/**
 * Evaluated in the page: resolves at the first animation frame after `check(arg)` holds, i.e. the
 * frame that paints it. It checks on DOM changes (a MutationObserver), not on every frame as
 * pollEachFrame does, so that waiting does not make the page draw frames while an engine works
 * (on two cores that takes time from the query being timed).
 */
function whenPainted(check, arg, timeoutMs) {
  return new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => test());
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${check.name} (${JSON.stringify(arg)}) still false after ${timeoutMs} ms`));
    }, timeoutMs);
    function test() {
      const value = check(arg);
      if (!value) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve({ now: performance.now(), epoch: Date.now(), value }));
    }
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    test();
  });
}

let armedCount = 0;

/**
 * `until`, armed before the action that causes the change: the page starts watching now, and
 * `result()` hands back the moment the change could be painted. Starting to watch only after the
 * action (a click through the DevTools protocol returns some milliseconds after the page has
 * handled it) would date a quick change as late as that return. `onChange`: watch DOM changes
 * (whenPainted) rather than every frame.
 */
export async function armUntil(page, check, arg, timeoutMs, { onChange = false } = {}) {
  const key = `__benchArmed${armedCount++}`;
  const waiter = onChange ? whenPainted : pollEachFrame;
  await page.evaluate(`window.${key} = (${waiter.toString()})(${check.toString()}, ${JSON.stringify(arg ?? null)}, ${timeoutMs}); undefined`);
  return { result: () => step(`waiting for ${check.name}`, timeoutMs + 5_000, () => page.evaluate(`window.${key}`)) };
}

/** Page-side check: the status bar says the engine is ready. */
export function engineReady() {
  return document.querySelector('.status-bar .engine-state')?.textContent === 'Engine ready';
}

/** Page-side check: the catalog tree lists table `name` (a table item shows its column count). */
export function tableInTree(name) {
  return [...document.querySelectorAll('[role="treeitem"]')].some(
    (item) => item.querySelector('.tree-label')?.textContent === name && /columns?$/.test(item.querySelector('.tree-detail')?.textContent ?? ''),
  );
}

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// ---------------------------------------------------------------------------------------------
// Set-up shared by the benchmarks.

/** Debian's Chromium (or CHROMIUM_PATH), headless, closed by cleanup; nothing is ever downloaded. */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}; set CHROMIUM_PATH (the benchmark never downloads a browser)`);
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // Our own signal handlers close the browser after the servers; Playwright must not race them.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.push(() => browser.close());
  return browser;
}

/** Debian's Chromium with a profile kept in `dir` (disk cache and code cache), closed by cleanup. */
export async function launchPersistentProfile(dir, options = {}) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const context = await chromium.launchPersistentContext(dir, {
    ...options,
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.push(() => context.close().catch(() => {}));
  return context;
}

/** Builds a raw duckdb-wasm page (a folder with index.html and main.js) with Vite, into `outDir`. */
export async function buildRawPage(pageDir, outDir) {
  await build({
    root: pageDir,
    configFile: false,
    envDir: false,
    publicDir: false,
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 8000, reportCompressedSize: false },
  });
  return outDir;
}

/** The build the figures belong to: the commit, and whether the working tree differs from it. */
export function sourceOf(root) {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const commit = git('rev-parse', '--short', 'HEAD');
  return commit ? `${commit}${git('status', '--porcelain') ? ' + uncommitted changes' : ''}` : 'unknown';
}

/** The machine the figures were measured on. */
export function machineOf(browser) {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cpus: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: browser.version(),
  };
}
