/**
 * Each open notebook's run loop, kept for as long as the notebook is open (not as long as its view
 * is shown): switching to another tab and back keeps every cell's result, its status and the
 * Auto-run switch. A loop belongs to one engine, since results live in the engine that made them;
 * a switch of engine starts a fresh one. A loop let go of (the notebook closed, or the engine
 * switched) stops its cells and drops the tables they made: the notebook owns them, and opened
 * again it would otherwise find its own result names taken. A result the user kept (Keep in the
 * catalog) is theirs from then on, and stays.
 */
import { NotebookRunLoop } from '../../../../shared/notebook/runLoop';
import type { Engine } from '../../engine/engine';
import { PageNotebookEngine } from './pageNotebookEngine';

interface KeptLoop {
  readonly engine: Engine;
  /** The loop's engine over `engine`: it knows the tables the notebook made there. */
  readonly notebookEngine: PageNotebookEngine;
  loop: NotebookRunLoop | null;
  /** The notebook's file as the view last saw it: its folder is where relative paths point. */
  path: string | null;
  /** Whether the workspace keeps a table in a file of its own (Keep): such a result is not dropped. */
  isKeptTable: IsKeptTable;
}

/** Whether the workspace keeps table `name` in a file of its own (the catalog's Keep). */
export type IsKeptTable = (name: string) => boolean;

const loops = new Map<string, KeptLoop>();

/** The run loop of notebook `key` on `engine`, made the first time it is asked for. */
export function notebookLoop(key: string, engine: Engine, path: string | null, isKeptTable: IsKeptTable): NotebookRunLoop {
  const kept = loops.get(key);
  if (kept?.loop && kept.engine === engine) {
    kept.path = path;
    kept.isKeptTable = isKeptTable;
    return kept.loop;
  }
  if (kept) void letGo(kept);
  const entry: KeptLoop = { engine, path, isKeptTable, loop: null, notebookEngine: new PageNotebookEngine(engine, () => entry.path) };
  const loop = new NotebookRunLoop(entry.notebookEngine);
  // The switch is the user's: it outlives an engine switch.
  loop.autoRun = kept?.loop?.autoRun ?? false;
  entry.loop = loop;
  loops.set(key, entry);
  return loop;
}

/** The notebook was closed: its running cells stop and the tables they made are dropped (settles then). */
export function forgetNotebookLoop(key: string): Promise<void> {
  const kept = loops.get(key);
  loops.delete(key);
  return kept ? letGo(kept) : Promise.resolve();
}

function letGo(kept: KeptLoop): Promise<void> {
  kept.loop?.cancelAll();
  // Nothing to tell the user if it fails: an engine that cannot drop them has lost its tables.
  return kept.notebookEngine.dropResults(kept.isKeptTable).catch(() => undefined);
}
