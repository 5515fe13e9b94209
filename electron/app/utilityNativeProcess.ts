import { utilityProcess } from 'electron';
import type { NativeSpawner } from '../host/native/nativeWorker';
import type { NativeResponse } from '../host/native/nativeProtocol';

/**
 * In the app, native DuckDB runs in an Electron utility process (Chromium's service launcher,
 * Electron's own Node): a crash in it never takes the window or the main process down. Messages
 * posted before it has started are queued by Electron.
 */
export const spawnUtilityProcess: NativeSpawner = (script) => {
  const child = utilityProcess.fork(script, [], { serviceName: 'Data Lab native DuckDB', stdio: 'inherit' });
  return {
    send: (request) => child.postMessage(request),
    onMessage: (listener) => child.on('message', (message: NativeResponse) => listener(message)),
    onExit: (listener) => child.on('exit', (code) => listener(`exit code ${code}`)),
    kill: () => void child.kill(),
  };
};
