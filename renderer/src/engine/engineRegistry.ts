import type { EngineKind } from '../../../shared/contract/hostApi';
import type { Engine } from './engine';
import { NativeEngine } from './native/nativeEngine';
import { WasmEngine } from './wasm/wasmEngine';

/**
 * The two engines, each made once: the in-app one at once, starting once `startAfter` settles (it
 * takes a second or two to start, and the app lets its editor load first), the native one when a
 * workspace first asks for it.
 */
export class EngineRegistry {
  private readonly engines = new Map<EngineKind, Engine>();

  /** `startAfter`: the in-app engine starts once it settles. */
  constructor(private readonly startAfter?: Promise<unknown>) {
    this.get('wasm');
  }

  get(kind: EngineKind): Engine {
    let engine = this.engines.get(kind);
    if (!engine) {
      engine = kind === 'native' ? new NativeEngine() : new WasmEngine(this.startAfter);
      this.engines.set(kind, engine);
    }
    return engine;
  }
}
