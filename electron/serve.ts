/**
 * Browser mode: the host core on 127.0.0.1, on a free port, behind a per-run token.
 * Usage: node out/main/serve.js [--port N] [--open] [--data-dir DIR] [file ...]
 */
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createHostCore } from './host/hostCore';
import { startLoopbackServer } from './host/http/loopbackServer';
import { defaultDataDir, installedAppOptions } from './host/appPaths';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      open: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);

  const core = await createHostCore({
    mode: 'browser',
    ...installedAppOptions(import.meta.url),
    dataDir: values['data-dir'] ?? defaultDataDir(),
    // npm runs scripts from the project folder; INIT_CWD is where the user typed `npm run serve -- a.csv`.
    filesToOpen: positionals.map((file) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file)),
  });

  const { server, url } = await startLoopbackServer(core.fetch, port);

  process.stdout.write(`Data Lab is running in browser mode. Open this address (it carries your access token):\n${url}\nPress Ctrl+C to stop.\n`);
  if (values.open) openInBrowser(url);

  stopOnSignals(server, () => core.close());
}

function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

function stopOnSignals(server: Server, closeCore: () => void): void {
  const stop = (): void => {
    process.stdout.write('Stopping Data Lab.\n');
    closeCore();
    server.close(() => process.exit(0));
    // Open event streams keep connections alive; close them rather than wait.
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Data Lab could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
