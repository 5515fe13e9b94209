/**
 * `npm run datalab -- run <notebook.md> [--engine native|wasm] [--html out.html] [--ipynb out.ipynb]`:
 * runs every cell without a window, prints a line per cell, writes the exports, and exits non-zero
 * naming the first cell that failed with DuckDB's message. The engines are the app's own: native
 * (its NativeSession and process, with the same lockdown; the default), or in-app (duckdb-wasm,
 * from the one Node factory, with the app's settings and the page's file rules). The run loop and
 * the exports are the same for both.
 */
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTranslator } from '../../../shared/i18n/translate';
import { notebookDocument } from '../../../shared/notebook/notebookDocument';
import { NotebookReadError, readNotebook, type Notebook } from '../../../shared/notebook/notebookFormat';
import type { NotebookEngine } from '../../../shared/notebook/notebookEngine';
import { labelOf, NotebookRunLoop, type CellRunState } from '../../../shared/notebook/runLoop';
import { writeFileAtomically } from '../../host/files/atomicWrite';
import { NativeNotebookEngine } from '../../host/notebooks/nativeNotebookEngine';
import { WasmNotebookEngine } from '../../host/notebooks/wasmNotebookEngine';
import { openNodeWasmDuckdb, type NodeWasmDuckdb } from '../../host/wasm/nodeWasmDuckdb';
import { NativeSession } from '../../host/native/nativeSession';
import { NativeWorker } from '../../host/native/nativeWorker';
import type { Command } from '../main';

const t = createTranslator();

/** Rows kept per cell: what the exports show. */
const maxRows = 1_000;

const run: Command = async ({ args, cwd, stdout, stderr }) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { engine: { type: 'string', default: 'native' }, html: { type: 'string' }, ipynb: { type: 'string' } },
    });
  } catch (error) {
    stderr(`${error instanceof Error ? error.message : String(error)}\n${t('notebook.run.usage')}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    stderr(t('notebook.run.usage'));
    return 2;
  }
  const engineKind = values.engine;
  if (engineKind !== 'native' && engineKind !== 'wasm') {
    stderr(t('notebook.run.badEngine', { engine: values.engine }));
    return 2;
  }

  // Every path the user typed is taken from where the command was typed.
  const file = path.resolve(cwd, positionals[0]!);
  const htmlTarget = values.html ? path.resolve(cwd, values.html) : null;
  const ipynbTarget = values.ipynb ? path.resolve(cwd, values.ipynb) : null;
  const fileName = path.basename(file);

  let notebook: Notebook;
  try {
    notebook = readNotebook(await readFile(file));
  } catch (error) {
    const message = error instanceof NotebookReadError ? t(error.key, error.params) : error instanceof Error ? error.message : String(error);
    stderr(t('notebook.run.cannotRead', { file: positionals[0]!, message }));
    return 1;
  }
  for (const problem of notebook.problems) stderr(t('notebook.run.problem', { file: fileName, message: t(problem.key, problem.params) }));

  // A data folder of its own: the runner never touches the app's workbench database (which a
  // running app holds locked), and leaves nothing behind.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'datalab-run-'));
  // The built CLI (out/main/cli.js) sits beside the native process script.
  const worker = new NativeWorker(path.join(path.dirname(process.argv[1]!), 'nativeProcess.js'));
  let wasm: NodeWasmDuckdb | null = null;
  try {
    const session = new NativeSession(worker, { databaseFile: path.join(dataDir, 'notebook.duckdb'), spillDir: path.join(dataDir, 'spill'), appDirectories: [] });
    // The notebook's folder is what its SQL may read (DuckDB compares real paths); cells are queries only, so nothing is written there.
    const folder = await realpath(path.dirname(file));
    const native = new NativeNotebookEngine(session, folder);
    let engine: NotebookEngine = native;
    if (engineKind === 'wasm') {
      // As in the page: native DuckDB's parser reads each cell, the in-app engine runs it.
      wasm = await openNodeWasmDuckdb();
      engine = new WasmNotebookEngine(wasm, native, folder, t);
    } else {
      await session.allowFolder(folder);
    }
    const loop = new NotebookRunLoop(engine, { maxRows });
    const started = performance.now();
    await loop.update(notebook);
    await loop.runAll();

    const runnable = notebook.cells.filter((cell) => cell.kind !== 'markdown');
    let firstFailure: { cell: string; message: string } | null = null;
    for (const cell of runnable) {
      const state = loop.state(cell.id);
      const label = labelOf(cell, notebook);
      const message = state.error ? t(state.error.key, state.error.params) : '';
      if (state.status === 'done') {
        stdout(t('notebook.run.cellDone', { cell: label, rows: state.table?.rowCount ?? 0, time: formatTime(state.elapsedMs) }));
      } else if (state.status === 'blocked') {
        stdout(t('notebook.run.cellSkipped', { cell: label, message }));
      } else {
        stdout(t('notebook.run.cellFailed', { cell: label, message }));
        firstFailure ??= { cell: label, message };
      }
    }
    const stateOf = (id: string): CellRunState => loop.state(id);
    let wroteAll = true;
    const options = { fileName, t, stateOf, maxRows };
    if (htmlTarget) wroteAll = (await write(htmlTarget, await notebookDocument('html', notebook, options), stdout, stderr)) && wroteAll;
    if (ipynbTarget) wroteAll = (await write(ipynbTarget, await notebookDocument('ipynb', notebook, options), stdout, stderr)) && wroteAll;
    if (firstFailure) {
      stderr(t('notebook.run.failedCell', firstFailure));
      return 1;
    }
    stdout(t('notebook.run.allDone', { count: runnable.length, time: formatTime(performance.now() - started) }));
    // A problem in the file (an unterminated fence…) may have kept a cell from being a cell at all.
    return wroteAll && notebook.problems.length === 0 ? 0 : 1;
  } finally {
    wasm?.close();
    worker.stop();
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  }
};

async function write(target: string, text: string, stdout: (line: string) => void, stderr: (line: string) => void): Promise<boolean> {
  try {
    await writeFileAtomically(target, text);
    stdout(t('notebook.run.wrote', { file: target }));
    return true;
  } catch (error) {
    stderr(t('notebook.run.cannotWrite', { file: target, message: error instanceof Error ? error.message : String(error) }));
    return false;
  }
}

function formatTime(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(2)} s`;
}

export default run;
