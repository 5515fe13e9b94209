import { fork } from 'node:child_process';
import { createTranslator, type MessageKey } from '../../../shared/i18n/translate';
import type { HostMessageParams } from '../../../shared/contract/hostApi';
import type { NativeCallType, NativeCalls, NativeMessage, NativeRequest } from './nativeProtocol';

const t = createTranslator();

/** A running native process as the host sees it: Node's child process here, Electron's utilityProcess in the app. */
export interface NativeChannel {
  send(request: NativeRequest): void;
  onMessage(listener: (message: NativeMessage) => void): void;
  onExit(listener: (reason: string) => void): void;
  kill(): void;
}

export type NativeSpawner = (script: string) => NativeChannel;

/** Browser mode's (and the tests') way to start the process: a forked Node child with structured-clone IPC. */
export const forkNativeProcess: NativeSpawner = (script) => {
  const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  return {
    send: (request) => child.send(request),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code, signal) => listener(signal ?? `exit code ${code}`)),
    kill: () => child.kill(),
  };
};

/** A call awaiting its reply; `settingUp` is the dataset the process last said it was setting up for it. */
type Pending = { resolve(reply: unknown): void; reject(error: Error): void; settingUp?: string };

/** The reason a call failed: DuckDB's message, or the process having stopped. */
export class NativeCallError extends Error {
  constructor(
    message: string,
    readonly processStopped: boolean,
    /** Why the process stopped (a signal or exit code), and the dataset it was setting up then (its table name), if any. */
    readonly stop: { reason: string; settingUp: string | null } | null = null,
    /** The message key when the process explained the failure itself (not DuckDB's text); `refused` by the statement gate. */
    readonly coded?: { key: MessageKey; params: HostMessageParams; refused?: boolean },
  ) {
    super(message);
    this.name = 'NativeCallError';
  }
}

/**
 * The host's handle on the native DuckDB process. The process starts on first use; if it dies
 * (a crash, an out-of-memory kill) every call in flight fails with one clear message, listeners
 * hear of it (to set the engine up again on the next call), and the next call starts a fresh
 * process.
 */
export class NativeWorker {
  private channel: NativeChannel | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly stopListeners = new Set<(reason: string) => void>();

  constructor(
    private readonly processScript: string,
    private readonly spawn: NativeSpawner = forkNativeProcess,
  ) {}

  call<K extends NativeCallType>(type: K, request: Omit<NativeCalls[K]['request'], 'type'>): Promise<NativeCalls[K]['reply']> {
    const id = this.nextId++;
    const channel = this.ensureStarted();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (reply: unknown) => void, reject });
      channel.send({ ...request, type, id } as NativeRequest);
    });
  }

  /** Called when the process stops (a crash, or `stop`): whatever was set up in it is gone. */
  onStop(listener: (reason: string) => void): () => void {
    this.stopListeners.add(listener);
    return () => this.stopListeners.delete(listener);
  }

  get running(): boolean {
    return this.channel !== null;
  }

  /** Stops the process; calls in flight fail. */
  stop(): void {
    this.channel?.kill();
  }

  private ensureStarted(): NativeChannel {
    if (this.channel) return this.channel;
    const channel = this.spawn(this.processScript);
    channel.onMessage((response) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      if ('settingUp' in response) {
        waiting.settingUp = response.settingUp;
        return;
      }
      this.pending.delete(response.id);
      if (response.ok) waiting.resolve(response.reply);
      else waiting.reject(new NativeCallError(response.message, false, null, response.key ? { key: response.key, params: response.params ?? {}, refused: response.refused === true } : undefined));
    });
    channel.onExit((reason) => {
      if (this.channel === channel) this.channel = null;
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(new NativeCallError(t('error.nativeStopped', { reason }), true, { reason, settingUp: waiting.settingUp ?? null }, { key: 'error.nativeStopped', params: { reason } }));
      }
      for (const listener of this.stopListeners) listener(reason);
    });
    this.channel = channel;
    return channel;
  }
}
