/**
 * The command line speaks the user's language: `--lang`, else LC_ALL/LANG (no browser needed).
 * Runs the built entry points as `npm run serve` and `npm run datalab` do.
 */
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTranslator } from '../../shared/i18n/translate';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a built script until it prints `until` (then stops it) or exits; returns what it printed. */
async function run(script: string, args: string[], env: Record<string, string>, until?: RegExp): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-cli-'));
  const child = spawn(process.execPath, [path.join(root, script), ...args], {
    cwd: root,
    env: { PATH: '/usr/bin:/bin', HOME: scratch, DATALAB_DATA_DIR: path.join(scratch, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    if (until) await expect.poll(() => output, { timeout: 30_000 }).toMatch(until);
    else await exited;
  } finally {
    child.kill('SIGTERM');
    await exited;
    await rm(scratch, { recursive: true, force: true });
  }
  return output;
}

test('npm run serve follows LANG, and --lang over it', async () => {
  const ar = await run('out/main/serve.js', ['--port', '0'], { LANG: 'ar_MA.UTF-8' }, /token=/);
  expect(ar).toContain(createTranslator('ar')('cli.serving'));
  const fr = await run('out/main/serve.js', ['--lang', 'fr', '--port', 'nope'], { LANG: 'ar_MA.UTF-8' });
  expect(fr).toContain(createTranslator('fr')('cli.failed', { message: createTranslator('fr')('cli.badPort', { value: 'nope' }) }));
});

test('npm run datalab follows LC_ALL over LANG', async () => {
  const output = await run('out/main/cli.js', ['help'], { LC_ALL: 'fr_FR.UTF-8', LANG: 'en_US.UTF-8' });
  expect(output).toContain(createTranslator('fr')('cli.usage'));
});

test('the instructor commands speak it too: their lines and their failures', async () => {
  const fr = createTranslator('fr');
  expect(await run('out/main/cli.js', ['keys', 'list'], { LANG: 'fr_FR.UTF-8' })).toContain(fr('cli.noTrustedKeys'));
  const missing = await run('out/main/cli.js', ['bundle', 'verify', '/nowhere/cours.datalab', '--lang', 'ar'], { LANG: 'fr_FR.UTF-8' });
  expect(missing).toContain(createTranslator('ar')('bundle.notZip', { file: 'cours.datalab', message: "ENOENT: no such file or directory, open '/nowhere/cours.datalab'" }));
});

test('npm start -- --lang fr: the terminal and the page speak French, whatever LANG says', async ({ page }) => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-start-lang-'));
  // No Electron binary here: a mirror on a closed loopback port fails at once, so start.mjs falls
  // back to browser mode and passes the language on.
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs'), '--lang', 'fr'], {
    cwd: root,
    env: {
      PATH: '/usr/bin:/bin',
      HOME: scratch,
      DATALAB_DATA_DIR: path.join(scratch, 'data'),
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: path.join(scratch, 'cache'),
      BROWSER: 'none',
      LANG: 'ar_MA.UTF-8',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect.poll(() => output, { timeout: 60_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+&lang=fr$/m);
    const fr = createTranslator('fr');
    expect(output.trim().split('\n')[0]).toBe(fr('cli.electronMissing'));
    expect(output).toContain(fr('cli.serving'));
    const url = /^http:\S+$/m.exec(output)![0];
    // The browser's own language is English: the command line's choice wins.
    await page.goto(url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('button', { name: fr('editor.run'), exact: true })).toBeVisible({ timeout: 30_000 });
  } finally {
    child.kill('SIGTERM');
    await exited;
    await rm(scratch, { recursive: true, force: true });
  }
});
