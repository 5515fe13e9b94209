import { fork, type ChildProcess } from 'node:child_process';
import { createTranslator } from '../../../shared/i18n/translate';
import type { NativeRequest, NativeResponse } from './nativeProtocol';

const t = createTranslator();

type Pending = { resolve(response: NativeResponse): void; reject(error: Error): void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * The host's handle on the native DuckDB process. The process starts on first use; if it dies
 * (a crash, an out-of-memory kill) every request in flight fails with one clear message and the
 * next request starts a fresh process.
 */
export class NativeEngine {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly processScript: string) {}

  request(request: WithoutId<NativeRequest>): Promise<NativeResponse> {
    const id = this.nextId++;
    const child = this.ensureStarted();
    return new Promise<NativeResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.send({ ...request, id } as NativeRequest);
    });
  }

  /** Stops the process; requests in flight fail. */
  stop(): void {
    this.child?.kill();
    this.child = null;
  }

  private ensureStarted(): ChildProcess {
    if (this.child && this.child.connected) return this.child;
    const child = fork(this.processScript, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    child.on('message', (response: NativeResponse) => {
      const waiting = this.pending.get(response.id);
      this.pending.delete(response.id);
      waiting?.resolve(response);
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      const reason = signal ?? `exit code ${code}`;
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(new Error(t('error.nativeStopped', { reason })));
      }
    });
    this.child = child;
    return child;
  }
}
