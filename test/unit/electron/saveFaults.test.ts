/**
 * Saving under real faults: the browser-mode server killed in the middle of saves, a data folder
 * on a full disk, a read-only data folder. In every case the file on disk is a complete workspace
 * (the old one or the new one), and the host says why a save failed.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { HostError, Workspace } from '../../../shared/contract/hostApi';
import { makeReadOnly, mountTinyDisk, mountsAvailable } from '../../support/faultyFolders';
import { makeTempDir } from '../../support/tempDir';
import { createTestHostCore } from '../../support/testHostCore';

const serveScript = fileURLToPath(new URL('../../../out/main/serve.js', import.meta.url));

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
  await mkdir(path.join(temp.dir, 'home'), { recursive: true });
  await mkdir(path.join(temp.dir, 'renderer'), { recursive: true });
  await mkdir(path.join(temp.dir, 'datasets'), { recursive: true });
});
afterEach(() => temp.cleanup());

const workspaceOf = (n: number, size: number): Workspace => ({
  version: 1,
  tabs: [{ id: 't', title: `Query ${n}`, sql: `SELECT ${n};\n-- ${'x'.repeat(size)}` }],
  activeTabId: 't',
});

/** Starts `node out/main/serve.js` as `npm run serve` does; resolves with its address and token. */
async function startServe(dataDir: string): Promise<{ origin: string; token: string; kill(): Promise<void> }> {
  const child = spawn(process.execPath, [serveScript, '--data-dir', dataDir], {
    env: { ...process.env, HOME: path.join(temp.dir, 'home') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (line?.[1]) resolve(new URL(line[1]));
    });
    child.once('exit', () => reject(new Error(`serve exited:\n${output}`)));
  });
  return {
    origin: url.origin,
    token: url.searchParams.get('token') ?? '',
    kill: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

describe('kill during save', () => {
  it('a server killed at any moment of a stream of saves leaves a complete workspace, one that was sent', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const sent = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const server = await startServe(dataDir);
      const put = (workspace: Workspace): Promise<Response> =>
        fetch(`${server.origin}/api/workspace`, {
          method: 'PUT',
          body: JSON.stringify(workspace),
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
        });
      // Saves of 2 MiB back to back; the kill lands somewhere in them (a different place each round).
      const saving = (async () => {
        for (let n = round * 1000; ; n++) {
          const workspace = workspaceOf(n, 2 * 2 ** 20);
          sent.add(JSON.stringify(workspace));
          await put(workspace).catch(() => undefined);
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 300 + round * 170));
      await server.kill();
      void saving.catch(() => undefined);
      const raw = await readFile(path.join(dataDir, 'workspace.json'), 'utf8').catch(() => null);
      if (raw !== null) expect(sent.has(raw), `round ${round}: the file on disk is a workspace that was sent, whole`).toBe(true);
    }
    // The next start reads it without setting anything aside, and leaves no temporary files behind.
    const server = await startServe(dataDir);
    try {
      const loaded = (await (await fetch(`${server.origin}/api/workspace`, { headers: { Authorization: `Bearer ${server.token}` } })).json()) as {
        recoveredFrom: string | null;
      };
      expect(loaded.recoveredFrom).toBeNull();
      expect((await readdir(dataDir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
    } finally {
      await server.kill();
    }
  }, 120_000);
});

describe.skipIf(!mountsAvailable())('full disk and read-only data folder (real mounts: needs root)', () => {
  let core: HostCore;
  const put = (workspace: Workspace): Promise<Response> =>
    core.fetch(new Request('http://127.0.0.1:5555/api/workspace', { method: 'PUT', body: JSON.stringify(workspace), headers: { 'Content-Type': 'application/json' } }));

  it('a full disk: the save fails saying so, and the workspace saved before is intact', async () => {
    const dataDir = path.join(temp.dir, 'data');
    await mkdir(dataDir);
    const undo = mountTinyDisk(dataDir, 64 * 1024);
    try {
      core = await createTestHostCore(temp.dir, path.join(temp.dir, 'home'));
      expect((await put(workspaceOf(1, 10_000))).status).toBe(200);
      const failed = await put(workspaceOf(2, 200_000));
      expect(failed.status).toBe(500);
      const body = (await failed.json()) as HostError;
      expect(body.code).toBe('save.diskFull');
      expect(body.error).toContain('the disk is full');
      expect(JSON.parse(await readFile(path.join(dataDir, 'workspace.json'), 'utf8'))).toEqual(workspaceOf(1, 10_000));
      expect((await readdir(dataDir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
    } finally {
      core.close();
      undo();
    }
  });

  it('a read-only data folder: the save fails saying why, and the saved workspace is intact', async () => {
    const dataDir = path.join(temp.dir, 'data');
    await mkdir(dataDir);
    core = await createTestHostCore(temp.dir, path.join(temp.dir, 'home'));
    expect((await put(workspaceOf(1, 100))).status).toBe(200);
    const undo = makeReadOnly(dataDir);
    try {
      const failed = await put(workspaceOf(2, 100));
      expect(failed.status).toBe(500);
      const body = (await failed.json()) as HostError;
      expect(body.code).toBe('save.readOnly');
      expect(body.error).toContain('read-only');
      expect(JSON.parse(await readFile(path.join(dataDir, 'workspace.json'), 'utf8'))).toEqual(workspaceOf(1, 100));
    } finally {
      core.close();
      undo();
    }
  });
});
