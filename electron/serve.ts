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
import { cliLocale } from '../shared/i18n/cliLocale';
import { createTranslator } from '../shared/i18n/translate';

// The terminal's messages follow `--lang`, else LC_ALL/LANG; the page follows the browser's language.
const { locale, args } = cliLocale(process.argv.slice(2), process.env);
const t = createTranslator(locale);
// Asked for by name (`--lang fr`, as `npm start -- --lang fr` passes it): the page takes it too,
// over the browser's language and the workspace's saved choice.
const askedLang = args.length < process.argv.length - 2 ? locale : null;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      // Set by scripts/start.mjs when it falls back to browser mode: say why, in the user's language.
      'electron-missing': { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      open: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(t('cli.badPort', { value: values.port }));
  if (values['electron-missing']) process.stdout.write(`${t('cli.electronMissing')}\n`);

  const core = await createHostCore({
    mode: 'browser',
    ...installedAppOptions(import.meta.url),
    dataDir: values['data-dir'] ?? defaultDataDir(),
    warmNativeProcess: true,
    // npm runs scripts from the project folder; INIT_CWD is where the user typed `npm run serve -- a.csv`.
    filesToOpen: positionals.map((file) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file)),
  });

  const started = await startLoopbackServer(core.fetch, port);
  const { server } = started;
  const url = askedLang ? `${started.url}&${new URLSearchParams({ lang: askedLang })}` : started.url;

  process.stdout.write(`${t('cli.serving')}\n${url}\n${t('cli.stopHint')}\n`);
  if (values.open) openInBrowser(url);

  stopOnSignals(server, () => core.close());
}

function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

function stopOnSignals(server: Server, closeCore: () => void): void {
  const stop = (): void => {
    process.stdout.write(`${t('cli.stopping')}\n`);
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
  process.stderr.write(`${t('cli.failed', { message: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
