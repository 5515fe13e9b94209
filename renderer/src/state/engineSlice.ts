import type { StateCreator } from 'zustand/vanilla';
import type { EngineKind } from '../../../shared/contract/hostApi';
import type { Engine } from '../engine/engine';
import type { EngineRegistry } from '../engine/engineRegistry';
import { t } from '../i18n/i18n';
import type { AppState } from './appStore';

export type EngineState = 'starting' | 'ready' | 'failed';

export interface EngineSlice {
  /** Both engines, each made once; which one runs is the workspace's choice. */
  engines: EngineRegistry;
  engineState: EngineState;
  setEngineState(state: EngineState): void;
  /** Moves the workspace to the other engine (its tables follow, see useDatasets). */
  switchEngine(): void;
  /** Offered where the in-app engine cannot do something (a file too big, an extension). */
  switchToNative(): void;
}

/** The engine the workspace runs on: the in-app one until the workspace has loaded. */
export function currentEngineKind(state: AppState): EngineKind {
  return state.workspace?.engine ?? 'wasm';
}

export function selectEngine(state: AppState): Engine {
  return state.engines.get(currentEngineKind(state));
}

export function otherEngineKind(kind: EngineKind): EngineKind {
  return kind === 'wasm' ? 'native' : 'wasm';
}

export const engineSlice = (engines: EngineRegistry): StateCreator<AppState, [], [], EngineSlice> => (set, get) => ({
  engines,
  engineState: 'starting',
  setEngineState: (engineState) => set({ engineState }),
  switchEngine: () => {
    const next = otherEngineKind(currentEngineKind(get()));
    get().setEngineKind(next);
    set({ engineState: 'starting' });
    get().notify('info', t('engine.switched', { engine: t(engines.get(next).labelKey) }));
  },
  switchToNative: () => {
    if (currentEngineKind(get()) === 'wasm') get().switchEngine();
  },
});
