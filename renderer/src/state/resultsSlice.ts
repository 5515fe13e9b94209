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
};

export interface ResultsSlice {
  /** The last run and its result. */
  run: RunState;
  updateRun(change: (current: RunState) => RunState): void;
}

export const resultsSlice: StateCreator<AppState, [], [], ResultsSlice> = (set) => ({
  run: idleRun,
  updateRun: (change) => set((state) => ({ run: change(state.run) })),
});
