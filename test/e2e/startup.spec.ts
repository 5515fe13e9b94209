import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppServer } from './appServer';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('npm start falls back to browser mode in one line when Electron cannot be fetched', async () => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-start-'));
  // A mirror on a closed loopback port fails at once, offline, like a blocked download host.
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      HOME: scratch,
      DATALAB_DATA_DIR: path.join(scratch, 'data'),
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: path.join(scratch, 'cache'),
      BROWSER: 'none',
      PATH: '/usr/bin:/bin',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect.poll(() => output, { timeout: 60_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m);
    const lines = output.trim().split('\n');
    expect(lines[0]).toBe('Electron is not installed and could not be downloaded; starting Data Lab in browser mode instead.');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(scratch, { recursive: true, force: true });
  }
});

test('browser mode stops cleanly on SIGTERM', async () => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-stop-'));
  const server = await startAppServer({ home: path.join(scratch, 'home'), dataDir: path.join(scratch, 'data') });
  const session = await fetch(server.url, { redirect: 'manual' });
  // The app shell is served without a token (the API needs it as a header); no redirect, no cookie.
  expect(session.status).toBe(200);
  expect(session.headers.get('set-cookie')).toBeNull();
  expect(await server.stop()).toBe(0);
  expect(server.output()).toContain('Stopping Data Lab.');
  await rm(scratch, { recursive: true, force: true });
});

test('files named relative to where the user typed `npm run serve -- …` are found', async () => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-cwd-'));
  await writeFile(path.join(scratch, 'here.csv'), 'a\n1\n');
  // npm runs scripts from the project folder and says where the user was in INIT_CWD.
  const child = spawn(process.execPath, [path.join(root, 'out/main/serve.js'), '--data-dir', path.join(scratch, 'data'), 'here.csv'], {
    cwd: root,
    env: { ...process.env, HOME: scratch, INIT_CWD: scratch },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect.poll(() => output, { timeout: 20_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m);
    const url = /^(http:\/\/\S+)$/m.exec(output)?.[1] ?? '';
    const token = new URL(url).searchParams.get('token') ?? '';
    const session = (await (await fetch(new URL('/api/session', url), { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      openAtStart: string[];
      startupErrors: unknown[];
      datasets: { id: string; fileName: string }[];
    };
    expect(session.startupErrors).toEqual([]);
    expect(session.datasets.filter((d) => session.openAtStart.includes(d.id)).map((d) => d.fileName)).toEqual(['here.csv']);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(scratch, { recursive: true, force: true });
  }
});
