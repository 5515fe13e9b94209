import { useCallback, useEffect, useRef } from 'react';
import type { HistoryEntry } from '../../../shared/contract/hostApi';
import { isReadOnlyStatement, type ScriptStatement } from '../../../shared/sql/statements';
import { isPlainView, unsortedView, type ResultView } from '../../../shared/sql/resultView';
import { EngineError, QueryCanceledError, type Engine } from '../engine/engine';
import { headline } from '../engine/engineMessages';
import type { QueryResult } from '../engine/results/resultRows';
import { useAppStore } from '../state/appStore';
import { idleRun, type RunState } from '../state/resultsSlice';
import type { AppStore } from '../state/appStore';

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
 * A run still going at this time shows that it is running: Run disabled and Cancel enabled, and
 * an empty panel if it has shown nothing yet. One that ends sooner goes straight from the last
 * result to its own: no flash of an empty panel or a busy toolbar, and no render or paint
 * competing with the engine while it works (on two cores, rendering the running state at the
 * click made TPC-H's short queries wait for the page's main thread between the engine's messages:
 * docs/performance.md).
 */
export const busyDelayMs = 150;

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** A statement's own result (views are derived from it) and the view on screen, to release them when replaced. */
interface HeldResult {
  base: QueryResult | null;
  shown: QueryResult | null;
}

function release(held: HeldResult | undefined): void {
  if (!held) return;
  if (held.shown && held.shown !== held.base) held.shown.release();
  held.base?.release();
}

/** Forgets the results of tabs that are gone, in the store and in the engine. */
function dropHeld(store: AppStore, held: Map<string, HeldResult[]>, tabIds: readonly string[] | 'all'): void {
  const ids = tabIds === 'all' ? [...held.keys()] : tabIds;
  for (const id of ids) {
    for (const statement of held.get(id) ?? []) release(statement);
    held.delete(id);
  }
  store.getState().dropResults(tabIds);
}

let nextRunId = 1;

/**
 * Runs a tab's statements one after another on the engine. Each statement's result is kept, as a
 * result tab of its own (Run all), in the tab it came from: the other tabs keep theirs.
 */
export function useQueryRunner(
  engine: Engine,
  hooks: {
    onFinished(entry: HistoryEntry): void;
    onError(tabId: string, offset: number | null, message: string): void;
    onCatalogMayHaveChanged(): void;
  },
) {
  const store = useAppStore();
  const canceled = useRef(false);
  const running = useRef(false);
  /** By tab, by statement: the engine's result objects behind the store's results. */
  const held = useRef(new Map<string, HeldResult[]>());

  // A different engine starts with empty panels.
  useEffect(() => {
    const results = held.current;
    dropHeld(store, results, 'all');
    return () => dropHeld(store, results, 'all');
  }, [engine, store]);

  // A closed tab's results go with it.
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.workspace === previous.workspace || !state.workspace) return;
        const open = new Set(state.workspace.tabs.map((tab) => tab.id));
        const closed = [...held.current.keys()].filter((id) => !open.has(id) && id !== state.runningTabId);
        if (closed.length > 0) dropHeld(store, held.current, closed);
      }),
    [store],
  );

  const run = useCallback(
    async (tabId: string, statements: ScriptStatement[]) => {
      if (running.current || statements.length === 0) return;
      running.current = true;
      canceled.current = false;
      // A view still being computed belongs to a result this run replaces.
      latestView.current = null;
      const { startTabRun, updateStatement, setRunningTab, showRunBusy } = store.getState();
      setRunningTab(tabId);
      const started = performance.now();
      const script = statements.map((s) => s.sql).join(';\n');
      let rowCount = 0;
      let ok = true;
      let wasCanceled = false;
      let currentIndex = 0;
      let statementStarted = started;
      const fresh = (index: number): RunState => ({
        ...idleRun,
        runId: nextRunId++,
        status: 'running',
        statementCount: statements.length,
        statementIndex: index + 1,
        startedAt: statementStarted,
      });
      // The run's first state is set with whatever it shows first, or on its own after busyDelayMs:
      // until then the tab's last results stay on screen.
      let runStarted = false;
      const startRun = (): void => {
        if (runStarted) return;
        runStarted = true;
        for (const statement of held.current.get(tabId) ?? []) release(statement);
        held.current.set(tabId, []);
        startTabRun(tabId, fresh(0));
      };
      // Once the run has lasted busyDelayMs, its toolbar shows it as busy, whatever it has shown by then.
      const busyTimer = setTimeout(() => {
        startRun();
        showRunBusy();
      }, busyDelayMs);
      const update = (index: number, change: (current: RunState) => RunState): void => {
        startRun();
        updateStatement(tabId, index, change);
      };
      try {
        for (const [index, statement] of statements.entries()) {
          if (canceled.current) break;
          currentIndex = index;
          statementStarted = performance.now();
          if (index > 0) update(index, () => fresh(index));
          const result = await engine.execute(statement.sql);
          // A statement that finishes within the frame is shown once, complete, in one update (so
          // one render: each update renders the results panel again, about 20 ms with its layout on
          // a slow machine); a longer one shows its first rows at the next frame while the rest arrive.
          const outcome = result.finished.then(
            () => 'done' as const,
            () => 'failed' as const,
          );
          const settledNow = await Promise.race([outcome, nextFrame().then(() => 'pending' as const)]);
          const hold = (): void => {
            // Held once the run has started (which releases the tab's last results).
            const heldResults = held.current.get(tabId) ?? [];
            heldResults[index] = { base: result, shown: result };
            held.current.set(tabId, heldResults);
          };
          /** The statement's state once its result is complete. */
          const done = (current: RunState): RunState => ({ ...current, status: 'done', elapsedMs: performance.now() - statementStarted, startedAt: null });
          if (settledNow === 'done') {
            rowCount = result.rows.rowCount;
            update(index, (current) => done({ ...current, result, view: unsortedView, computing: false }));
            hold();
            continue;
          }
          update(index, (current) => ({ ...current, result, view: unsortedView, computing: settledNow === 'pending' }));
          hold();
          try {
            await result.finished;
          } finally {
            rowCount = result.rows.rowCount;
            update(index, (current) => ({ ...current, computing: false }));
          }
          update(index, done);
        }
        if (canceled.current) wasCanceled = true;
      } catch (error) {
        ok = false;
        const message = error instanceof Error ? error.message : String(error);
        // Whether the engine stopped the statement is a fact it reports (QueryCanceledError), never
        // read from the message's words.
        if (canceled.current || error instanceof QueryCanceledError) {
          wasCanceled = true;
          update(currentIndex, (current) => ({ ...current, status: 'canceled', elapsedMs: performance.now() - statementStarted, startedAt: null }));
        } else {
          const failing = statements[currentIndex];
          update(currentIndex, (current) => ({
            ...current,
            status: 'error',
            error: { headline: headline(message), detail: message, remedy: error instanceof EngineError ? error.remedy : null },
            elapsedMs: performance.now() - statementStarted,
            startedAt: null,
          }));
          hooks.onError(tabId, failing ? errorOffset(failing, error) : null, headline(message));
        }
      } finally {
        clearTimeout(busyTimer);
        running.current = false;
        setRunningTab(null);
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
    [engine, hooks, store],
  );

  /**
   * The view asked for last. Views are asked for while others are computed (the user types on), and
   * answers may come in any order: only the answer to the latest request is shown, so a late
   * answer for an older filter never replaces a newer one (its rows and its count with it).
   */
  const latestView = useRef<{ serial: number; view: ResultView } | null>(null);

  /** Sorts or filters one statement's result: the engine computes the view from the statement's result. */
  const setView = useCallback(
    async (tabId: string, index: number, view: ResultView) => {
      const target = held.current.get(tabId)?.[index];
      const from = target?.base;
      // A result without views (its statement must not run again) offers no sort or filter.
      if (!target || !from?.withView || running.current) return;
      const pending = latestView.current;
      if (pending && sameView(pending.view, view)) return;
      const request = { serial: (pending?.serial ?? 0) + 1, view };
      latestView.current = request;
      const isLatest = (): boolean => latestView.current === request && target.base === from && held.current.get(tabId)?.[index] === target;
      const { updateStatement } = store.getState();
      updateStatement(tabId, index, (current) => ({ ...current, viewing: true }));
      try {
        const next = isPlainView(view) ? from : await from.withView(view);
        if (!isLatest()) {
          if (next !== from) next.release();
          return;
        }
        latestView.current = null;
        if (target.shown && target.shown !== next && target.shown !== from) target.shown.release();
        target.shown = next;
        updateStatement(tabId, index, (current) => ({ ...current, result: next, view, viewing: false, error: null }));
      } catch (error) {
        if (!isLatest()) return;
        latestView.current = null;
        const message = error instanceof Error ? error.message : String(error);
        updateStatement(tabId, index, (current) => ({ ...current, viewing: false, status: 'error', error: { headline: headline(message), detail: message } }));
      }
    },
    [store],
  );

  const cancel = useCallback(async () => {
    if (!running.current) return;
    canceled.current = true;
    await engine.cancel();
  }, [engine]);

  return { run, cancel, setView };
}
