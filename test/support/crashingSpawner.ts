import { fork } from 'node:child_process';
import type { NativeMessage } from '../../electron/host/native/nativeProtocol';
import type { NativeSpawner } from '../../electron/host/native/nativeWorker';

/**
 * Starts the real native process, as browser mode does, and kills it with `signal` (SIGSEGV: as
 * DuckDB crashing; SIGKILL: as the out-of-memory killer) right after it sends a message that
 * `crashOn` picks, such as the notice that it is about to set up a given dataset. Every message is
 * still delivered first, as the process had sent it. `messages` records them all.
 */
export function crashingSpawner(crashOn: (message: NativeMessage) => boolean, signal: NodeJS.Signals = 'SIGSEGV') {
  const messages: NativeMessage[] = [];
  const spawn: NativeSpawner = (script) => {
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    const listeners: ((message: NativeMessage) => void)[] = [];
    child.on('message', (message: NativeMessage) => {
      messages.push(message);
      for (const listener of listeners) listener(message);
      if (crashOn(message)) child.kill(signal);
    });
    return {
      send: (request) => child.send(request),
      onMessage: (listener) => listeners.push(listener),
      onExit: (listener) => child.on('exit', (code, exitSignal) => listener(exitSignal ?? `exit code ${code}`)),
      kill: () => child.kill(),
    };
  };
  return { spawn, messages };
}
