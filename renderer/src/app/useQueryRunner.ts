import { useCallback, useEffect, useRef } from 'react';
import type { HistoryEntry } from '../../../shared/contract/hostApi';
import { isReadOnlyStatement, type ScriptStatement } from '../../../shared/sql/statements';
import { isPlainView, unsortedView, type ResultView } from '../../../shared/sql/resultView';
import { EngineError, QueryCanceledError, type Engine } from '../engine/engine';
import { headline } from '../engine/engineMessages';
import type { QueryResult } from '../engine/results/resultRows';
import { useAppState } from '../state/appStore';
import { idleRun, type RunState } from '../state/resultsSlice';

function sameView(a: ResultView, b: ResultView): boolean {
  return a.filter === b.filter && a.sort?.column === b.sort?.column && a.sort?.descending === b.sort?.descending;
}

/** Where an engine error points inside the script: an offset for the editor's marker. */
function errorOffset(statement: ScriptStatement, error: unknown): number | null {
  if (!(error instanceof EngineError) || error.bytePosition === null) return null;
  const bytes = new TextEncoder().encode(statement.sql).subarray(0, error.bytePosition);
  return statement.start + new TextDecoder().decode(bytes).length;
}

/**
 * A run that has shown nothing by this time shows that it is running (an empty panel, Cancel
 * enabled). One that answers sooner goes straight from the last result to its own: no flash of an
 * empty panel, and no render or paint competing with the engine while it works.
 */
export const busyDelayMs = 150;

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Runs statements one after another on the engine; the last statement's rows are shown. */
export function useQueryRunner(
  engine: Engine,
  hooks: {
    onFinished(entry: HistoryEntry): void;
    onError(offset: number | null, message: string): void;
    onCatalogMayHaveChanged(): void;
  },
) {
  const state = useAppState((s) => s.run);
  const updateRun = useAppState((s) => s.updateRun);
  const setState = useCallback((change: (current: RunState) => RunState) => updateRun(change), [updateRun]);
  const canceled = useRef(false);
  const running = useRef(false);
  /** The statement's own result (views are derived from it), and the view on screen. */
  const base = useRef<QueryResult | null>(null);
  const shown = useRef<QueryResult | null>(null);

  const replaceShown = useCallback((next: QueryResult | null, keepBase: boolean) => {
    if (shown.current && shown.current !== next && shown.current !== base.current) shown.current.release();
    if (!keepBase && base.current && base.current !== next) base.current.release();
    if (!keepBase) base.current = next;
    shown.current = next;
  }, []);

  // A different engine starts with an empty panel.
  useEffect(() => {
    setState(() => idleRun);
    return () => replaceShown(null, false);
  }, [engine, replaceShown, setState]);

  const run = useCallback(
    async (statements: ScriptStatement[]) => {
      if (running.current || statements.length === 0) return;
      running.current = true;
      canceled.current = false;
      // A view still being computed belongs to the result this run replaces.
      latestView.current = null;
      const started = performance.now();
      const script = statements.map((s) => s.sql).join(';\n');
      let rowCount = 0;
      let ok = true;
      let wasCanceled = false;
      let currentIndex = 0;
      // The run's first state is set with whatever it shows first, or on its own after busyDelayMs.
      let runStarted = false;
      const startRun = (): void => {
        clearTimeout(busyTimer);
        if (runStarted) return;
        runStarted = true;
        setState((current) => ({ ...idleRun, runId: current.runId + 1, status: 'running', statementCount: statements.length, statementIndex: 1 }));
      };
      const busyTimer = setTimeout(startRun, busyDelayMs);
      const setRunState: typeof setState = (update) => {
        startRun();
        setState(update);
      };
      try {
        for (const [index, statement] of statements.entries()) {
          if (canceled.current) break;
          currentIndex = index;
          const result = await engine.execute(statement.sql);
          replaceShown(result, false);
          // A statement that finishes within the frame is painted once, complete; a longer one
          // shows its first rows at the next frame while the rest arrive.
          const settled = result.finished.then(
            () => true,
            () => true,
          );
          const finishedNow = await Promise.race([settled, nextFrame().then(() => false)]);
          if (!finishedNow) {
            setRunState((current) => ({ ...current, result, view: unsortedView, computing: true, elapsedMs: performance.now() - started }));
          } else {
            setRunState((current) => ({ ...current, result, view: unsortedView }));
          }
          try {
            await result.finished;
          } finally {
            rowCount = result.rows.rowCount;
            setRunState((current) => ({ ...current, computing: false }));
          }
          const isLast = index === statements.length - 1;
          setRunState((current) => ({
            ...current,
            status: isLast ? 'done' : 'running',
            statementIndex: index + 1,
            elapsedMs: performance.now() - started,
          }));
        }
        if (canceled.current) {
          wasCanceled = true;
          setRunState((current) => ({ ...current, status: 'canceled' }));
        }
      } catch (error) {
        ok = false;
        const message = error instanceof Error ? error.message : String(error);
        // Whether the engine stopped the statement is a fact it reports (QueryCanceledError), never
        // read from the message's words.
        if (canceled.current || error instanceof QueryCanceledError) {
          wasCanceled = true;
          setRunState((current) => ({ ...current, status: 'canceled', elapsedMs: performance.now() - started }));
        } else {
          const failing = statements[currentIndex];
          setRunState((current) => ({
            ...current,
            status: 'error',
            error: { headline: headline(message), detail: message, remedy: error instanceof EngineError ? error.remedy : null },
            elapsedMs: performance.now() - started,
          }));
          hooks.onError(failing ? errorOffset(failing, error) : null, headline(message));
        }
      } finally {
        clearTimeout(busyTimer);
        running.current = false;
        hooks.onFinished({
          sql: script,
          at: new Date().toISOString(),
          ok,
          ...(wasCanceled ? { canceled: true } : {}),
          rowCount,
          elapsedMs: Math.round(performance.now() - started),
        });
        // A query leaves the catalog as it was; anything else (CREATE, INSERT, ATTACH…) may change it.
        if (!statements.every((statement) => isReadOnlyStatement(statement.sql))) hooks.onCatalogMayHaveChanged();
      }
    },
    [engine, hooks, replaceShown, setState],
  );

  /**
   * The view asked for last. Views are asked for while others are computed (the user types on), and
   * answers may come in any order: only the answer to the latest request is shown, so a late
   * answer for an older filter never replaces a newer one (its rows and its count with it).
   */
  const latestView = useRef<{ serial: number; view: ResultView } | null>(null);

  /** Sorts or filters the shown result: the engine computes the view from the statement's result. */
  const setView = useCallback(
    async (view: ResultView) => {
      const from = base.current;
      if (!from || running.current) return;
      const pending = latestView.current;
      if (pending && sameView(pending.view, view)) return;
      const request = { serial: (pending?.serial ?? 0) + 1, view };
      latestView.current = request;
      const isLatest = (): boolean => latestView.current === request && base.current === from;
      setState((current) => ({ ...current, viewing: true }));
      try {
        const next = isPlainView(view) ? from : await from.withView(view);
        if (!isLatest()) {
          if (next !== from) next.release();
          return;
        }
        latestView.current = null;
        replaceShown(next, true);
        setState((current) => ({ ...current, result: next, view, viewing: false, error: null }));
      } catch (error) {
        if (!isLatest()) return;
        latestView.current = null;
        const message = error instanceof Error ? error.message : String(error);
        setState((current) => ({ ...current, viewing: false, status: 'error', error: { headline: headline(message), detail: message } }));
      }
    },
    [replaceShown, setState],
  );

  const cancel = useCallback(async () => {
    if (!running.current) return;
    canceled.current = true;
    await engine.cancel();
  }, [engine]);

  return { state, run, cancel, setView };
}
