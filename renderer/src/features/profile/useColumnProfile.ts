import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordBatch } from 'apache-arrow';
import {
  parseColumnProfile,
  planColumnProfile,
  type ProfileColumn,
  type ProfileRow,
  type RelationProfile,
} from '../../../../shared/sql/columnProfile';
import type { Engine } from '../../engine/engine';
import { headline } from '../../engine/engineMessages';

export type ProfileStatus = 'loading' | 'done' | 'error';

export interface ColumnProfileState {
  status: ProfileStatus;
  /** The pages profiled so far, merged; null until the first page arrives. */
  profile: RelationProfile | null;
  error: { headline: string; detail: string } | null;
}

/** A profile's statements, so they can be abandoned (and stopped) when the panel goes away. */
interface ProfileRun {
  /** From engine.run until the last batch. */
  inFlight: boolean;
  /**
   * Aborted when the panel goes away: stops the profile's own statement, never another one (a
   * query of the user's that runs meanwhile), and its answer is dropped.
   */
  stop: AbortController;
}

function rowsOf(batch: RecordBatch): ProfileRow[] {
  const names = batch.schema.fields.map((field) => field.name);
  const vectors = names.map((_, i) => batch.getChildAt(i));
  return Array.from({ length: batch.numRows }, (_, row) => Object.fromEntries(names.map((name, i) => [name, vectors[i]?.get(row) ?? null])));
}

/** Profiles one page of columns: one statement, whose few hundred rows are read whole. */
async function profilePage(engine: Engine, relation: string, columns: readonly ProfileColumn[], columnOffset: number, run: ProfileRun) {
  const plan = planColumnProfile({ relation, columns, columnOffset });
  run.inFlight = true;
  try {
    const rows: ProfileRow[] = [];
    for await (const batch of await engine.run(plan.sql, run.stop.signal)) rows.push(...rowsOf(batch));
    return parseColumnProfile(plan, rows);
  } finally {
    run.inFlight = false;
  }
}

function merge(earlier: RelationProfile | null, page: RelationProfile): RelationProfile {
  return earlier ? { ...earlier, columns: [...earlier.columns, ...page.columns] } : page;
}

/**
 * Profiles a relation's columns a page at a time (the first page at once, the next ones when asked),
 * one statement after another on the engine, stopping the statement in flight on unmount.
 */
export function useColumnProfile(engine: Engine, relation: string, columns: readonly ProfileColumn[]) {
  // Callers often pass a fresh array of the same columns on every render; profile again only when they change.
  const columnsKey = JSON.stringify(columns.map((column) => [column.name, column.typeName]));
  const [state, setState] = useState<ColumnProfileState>({ status: 'loading', profile: null, error: null });
  const current = useRef<{ run: ProfileRun; columns: readonly ProfileColumn[] } | null>(null);

  const load = useCallback(
    (run: ProfileRun, pageColumns: readonly ProfileColumn[], columnOffset: number, earlier: RelationProfile | null) => {
      setState({ status: 'loading', profile: earlier, error: null });
      profilePage(engine, relation, pageColumns, columnOffset, run).then(
        (page) => {
          if (!run.stop.signal.aborted) setState({ status: 'done', profile: merge(earlier, page), error: null });
        },
        (failure: unknown) => {
          if (run.stop.signal.aborted) return;
          const message = failure instanceof Error ? failure.message : String(failure);
          setState({ status: 'error', profile: earlier, error: { headline: headline(message), detail: message } });
        },
      );
    },
    [engine, relation],
  );

  useEffect(() => {
    const pageColumns = (JSON.parse(columnsKey) as [string, string][]).map(([name, typeName]) => ({ name, typeName }));
    const run: ProfileRun = { inFlight: false, stop: new AbortController() };
    current.current = { run, columns: pageColumns };
    load(run, pageColumns, 0, null);
    return () => {
      run.stop.abort();
    };
  }, [engine, columnsKey, load]);

  const loadMore = useCallback(() => {
    const active = current.current;
    if (!active || active.run.inFlight || state.status === 'loading' || !state.profile) return;
    const shown = state.profile.columnOffset + state.profile.columns.length;
    if (shown >= active.columns.length) return;
    load(active.run, active.columns, shown, state.profile);
  }, [load, state]);

  return { state, loadMore };
}
