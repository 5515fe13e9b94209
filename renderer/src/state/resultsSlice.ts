import type { StateCreator } from 'zustand/vanilla';
import { unsortedView, type ResultView } from '../../../shared/sql/resultView';
import type { EngineErrorRemedy } from '../engine/engine';
import type { QueryResult } from '../engine/results/resultRows';
import type { AppState } from './appStore';

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'canceled';

export interface RunState {
  /** Counts runs: a new run starts with a new result and no view. */
  runId: number;
  status: RunStatus;
  /** The result shown: the last statement's, sorted and filtered as `view` says. */
  result: QueryResult | null;
  /** The view the shown result has (a requested one applies when the engine has computed it). */
  view: ResultView;
  /** True while the engine computes a sorted or filtered view. */
  viewing: boolean;
  /** True while rows are still being computed (the first ones are already shown). */
  computing: boolean;
  elapsedMs: number;
  statementIndex: number;
  statementCount: number;
  /** `remedy`: what the user is offered beside the message (the engine tells, see EngineError). */
  error: { headline: string; detail: string; remedy?: EngineErrorRemedy | null } | null;
  /** When the statement started (performance.now()), for the time shown while it runs. */
  startedAt: number | null;
}

export const idleRun: RunState = {
  runId: 0,
  status: 'idle',
  result: null,
  view: unsortedView,
  viewing: false,
  computing: false,
  elapsedMs: 0,
  statementIndex: 0,
  statementCount: 0,
  error: null,
  startedAt: null,
};

/** A tab's last run: one result per statement run so far (Run all's result tabs), and the one shown. */
export interface TabResults {
  statements: readonly RunState[];
  shown: number;
}

export interface ResultsSlice {
  /** Each editor tab's last run, by tab id: switching tabs shows that tab's results. */
  results: Readonly<Record<string, TabResults>>;
  /**
   * The tab whose statements are running (one run at a time: the engine runs one statement). Set
   * as the run starts; nothing renders from it, so starting a run costs no render.
   */
  runningTabId: string | null;
  /**
   * The run is shown as running (Run disabled, Cancel enabled) once it has lasted useQueryRunner's
   * busyDelayMs: a run that ends sooner never renders as running while the engine works.
   */
  runShownBusy: boolean;
  /** Starts (a tab id) or ends (null) a run; a run starts not shown as busy. */
  setRunningTab(tabId: string | null): void;
  /** Shows the current run as busy (nothing when no run is going). */
  showRunBusy(): void;
  /** Starts a tab's new run, its results replacing the last run's. */
  startTabRun(tabId: string, first: RunState): void;
  /** Changes one statement's result (`index` past the last adds it, and shows it). */
  updateStatement(tabId: string, index: number, change: (current: RunState) => RunState): void;
  showStatement(tabId: string, index: number): void;
  /** Forgets the results of these tabs (closed, or all of them when the engine changes). */
  dropResults(tabIds: readonly string[] | 'all'): void;
}

/** The result a tab shows: an idle one before its first run. */
export function shownResult(state: AppState, tabId: string): RunState {
  const tab = state.results[tabId];
  return tab?.statements[tab.shown] ?? idleRun;
}

export const resultsSlice: StateCreator<AppState, [], [], ResultsSlice> = (set) => ({
  results: {},
  runningTabId: null,
  runShownBusy: false,
  setRunningTab: (runningTabId) => set({ runningTabId, runShownBusy: false }),
  // The same state when there is nothing to show: no listener hears of it.
  showRunBusy: () => set((state) => (state.runningTabId === null || state.runShownBusy ? state : { runShownBusy: true })),
  startTabRun: (tabId, first) => set((state) => ({ results: { ...state.results, [tabId]: { statements: [first], shown: 0 } } })),
  updateStatement: (tabId, index, change) =>
    set((state) => {
      const tab = state.results[tabId] ?? { statements: [], shown: 0 };
      const statements = [...tab.statements];
      const adding = index >= statements.length;
      statements[index] = change(statements[index] ?? idleRun);
      return { results: { ...state.results, [tabId]: { statements, shown: adding ? index : tab.shown } } };
    }),
  showStatement: (tabId, index) =>
    set((state) => {
      const tab = state.results[tabId];
      if (!tab || index < 0 || index >= tab.statements.length) return {};
      return { results: { ...state.results, [tabId]: { ...tab, shown: index } } };
    }),
  dropResults: (tabIds) =>
    set((state) => {
      if (tabIds === 'all') return { results: {} };
      const results = { ...state.results };
      for (const id of tabIds) delete results[id];
      return { results };
    }),
});
