/**
 * `npm start`: the Electron window when Electron's binary is installed. Where it is missing (npm 11
 * skips the electron package's download script, and some networks cannot reach its host), fetch it
 * once, honouring ELECTRON_MIRROR; if that fails, say so in one line and start browser mode instead.
 * Arguments after `--` are files to open, and `--lang fr` (or `--lang=fr`) for the app's language.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
// `--lang X` chooses the language over the system's (and over the workspace's saved choice).
// Electron takes it as Chromium's own `--lang=X` switch (app.getLocale() then answers X);
// browser mode as serve.js's `--lang X`.
const args = process.argv.slice(2);
let lang;
const fileArgs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--lang') lang = args[++i];
  else if (args[i].startsWith('--lang=')) lang = args[i].slice('--lang='.length);
  else fileArgs.push(args[i]);
}
// npm runs scripts from the project folder; INIT_CWD is where the user typed the command.
const files = fileArgs.map((file) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file));

function electronBinary() {
  try {
    const packageDir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function tryInstallElectron() {
  try {
    const installScript = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
    const result = spawnSync(process.execPath, [installScript], {
      cwd: root,
      stdio: 'ignore',
      timeout: 120_000,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    });
    return result.status === 0;
  } catch {
    return false;
  }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

let binary = electronBinary();
if (!binary && tryInstallElectron()) binary = electronBinary();
if (binary) {
  run(binary, [root, ...(lang ? [`--lang=${lang}`] : []), ...files]);
} else {
  // BROWSER=none (the usual convention) keeps it from opening a browser, as the tests need.
  const open = process.env.BROWSER === 'none' ? [] : ['--open'];
  // serve.js says why in the user's language (LANG/LC_ALL, or --lang), as its other messages.
  run(process.execPath, [path.join(root, 'out', 'main', 'serve.js'), '--electron-missing', ...(lang ? ['--lang', lang] : []), ...open, ...files]);
}
