import { useSyncExternalStore } from 'react';

/**
 * Every load the user started that is running or did not end in a table: loading (with its
 * progress), failed (with the reason), or canceled. A failed load keeps its dataset here, so
 * nothing the user opened disappears without their action: the catalog shows it as not loaded,
 * with Retry and Open on the native engine. A plain store of its own (no React state), so the
 * page's state store can take it over as it is.
 */
export type LoadState =
  | { table: string; fileName: string; status: 'loading'; phase: 'preparing' | 'reading' | 'inPlace'; fraction: number | null }
  | { table: string; fileName: string; status: 'failed'; reason: string; detail?: string }
  | { table: string; fileName: string; status: 'canceled' };

type Listener = () => void;

export class LoadStates {
  private states: readonly LoadState[] = [];
  private readonly listeners = new Set<Listener>();

  /** The states in the order their loads started. */
  get all(): readonly LoadState[] {
    return this.states;
  }

  get(table: string): LoadState | undefined {
    return this.states.find((state) => state.table === table);
  }

  set(state: LoadState): void {
    const index = this.states.findIndex((known) => known.table === state.table);
    this.states = index < 0 ? [...this.states, state] : this.states.map((known, i) => (i === index ? state : known));
    this.emit();
  }

  /** The load ended in a table, or the user removed the dataset. */
  delete(table: string): void {
    if (!this.states.some((state) => state.table === table)) return;
    this.states = this.states.filter((state) => state.table !== table);
    this.emit();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The current states, re-rendering when they change. */
export function useLoadStates(store: LoadStates): readonly LoadState[] {
  return useSyncExternalStore(store.subscribe, () => store.all);
}
