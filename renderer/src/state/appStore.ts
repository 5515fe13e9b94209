import { createContext, createElement, useContext, useState, type ReactNode } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Workspace } from '../../../shared/contract/hostApi';
import type { EngineRegistry } from '../engine/engineRegistry';
import { editorTabsSlice, type EditorTabsSlice } from './editorTabsSlice';
import { engineSlice, type EngineSlice } from './engineSlice';
import { notificationsSlice, type NotificationsSlice } from './notificationsSlice';
import { resultsSlice, type ResultsSlice } from './resultsSlice';
import { workspaceSlice, type WorkspaceSlice } from './workspaceSlice';

/**
 * The page's state in one store with typed actions: the workspace (tabs, settings, history), the
 * engine, results and notifications. Features read it through `useAppState` and change it only
 * through its actions; this module is the one place that knows the store is Zustand.
 */
export type AppState = WorkspaceSlice & EditorTabsSlice & EngineSlice & NotificationsSlice & ResultsSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(engines: EngineRegistry): AppStore {
  return createStore<AppState>()((...a) => ({
    ...notificationsSlice(...a),
    ...workspaceSlice(...a),
    ...editorTabsSlice(...a),
    ...engineSlice(engines)(...a),
    ...resultsSlice(...a),
  }));
}

const StoreContext = createContext<AppStore | null>(null);

/** Makes one store for the page (for its lifetime) and gives it to everything inside. */
export function AppStateProvider({ engines, children }: { engines: EngineRegistry; children: ReactNode }) {
  const [store] = useState(() => createAppStore(engines));
  return createElement(StoreContext.Provider, { value: store }, children);
}

/** The store itself, for actions called outside rendering (event handlers, effects). */
export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside AppStateProvider');
  return store;
}

/** The workspace once the host's has loaded (or the fresh one that stands in when it could not). */
export function loadedWorkspace(store: AppStore): Promise<Workspace> {
  const now = store.getState().workspace;
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const unsubscribe = store.subscribe((state) => {
      if (!state.workspace) return;
      unsubscribe();
      resolve(state.workspace);
    });
  });
}

/** A piece of the page's state; the component re-renders when that piece changes. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}
