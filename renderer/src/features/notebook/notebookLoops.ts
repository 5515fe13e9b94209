/**
 * Each open notebook's run loop, kept for as long as the notebook is open (not as long as its view
 * is shown): switching to another tab and back keeps every cell's result, its status and the
 * Auto-run switch. A loop belongs to one engine, since results live in the engine that made them;
 * a switch of engine starts a fresh one.
 */
import { NotebookRunLoop } from '../../../../shared/notebook/runLoop';
import type { Engine } from '../../engine/engine';
import { PageNotebookEngine } from './pageNotebookEngine';

interface KeptLoop {
  readonly engine: Engine;
  loop: NotebookRunLoop | null;
  /** The notebook's file as the view last saw it: its folder is where relative paths point. */
  path: string | null;
}

const loops = new Map<string, KeptLoop>();

/** The run loop of notebook `key` on `engine`, made the first time it is asked for. */
export function notebookLoop(key: string, engine: Engine, path: string | null): NotebookRunLoop {
  const kept = loops.get(key);
  if (kept?.loop && kept.engine === engine) {
    kept.path = path;
    return kept.loop;
  }
  kept?.loop?.cancelAll();
  const entry: KeptLoop = { engine, path, loop: null };
  const loop = new NotebookRunLoop(new PageNotebookEngine(engine, () => entry.path));
  // The switch is the user's: it outlives an engine switch.
  loop.autoRun = kept?.loop?.autoRun ?? false;
  entry.loop = loop;
  loops.set(key, entry);
  return loop;
}

/** The notebook was closed: its running cells stop and its results are let go. */
export function forgetNotebookLoop(key: string): void {
  loops.get(key)?.loop?.cancelAll();
  loops.delete(key);
}
