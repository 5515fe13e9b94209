import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from './tempDir';
import { createHostCore, type HostCore } from '../../electron/host/hostCore';
import { builtNativeProcessScript } from './builtApp';

/**
 * A host core laid out in one scratch folder, as browser mode would build it: `renderer/`,
 * `datasets/` and `data/` under `root`, the file browser rooted at `home`.
 */
export function createTestHostCore(root: string, home: string, filesToOpen: string[] = []): Promise<HostCore> {
  return createHostCore({
    mode: 'browser',
    appVersion: 'test',
    rendererDir: path.join(root, 'renderer'),
    datasetsDir: path.join(root, 'datasets'),
    dataDir: path.join(root, 'data'),
    fileRoots: [{ label: 'files.rootHome', path: home }],
    filesToOpen,
    nativeProcessScript: builtNativeProcessScript(),
  });
}

/** A host core over an empty scratch folder (no samples, no renderer): `home` is where a test puts its files. */
export interface ScratchHostCore {
  /** The scratch folder (`home/`, `data/`… inside). */
  dir: string;
  home: string;
  core: HostCore;
  dispose(): Promise<void>;
}

export async function createScratchHostCore(): Promise<ScratchHostCore> {
  const temp = await makeTempDir();
  const home = path.join(temp.dir, 'home');
  await mkdir(home, { recursive: true });
  await mkdir(path.join(temp.dir, 'renderer'));
  await mkdir(path.join(temp.dir, 'datasets'));
  const core = await createTestHostCore(temp.dir, home);
  return {
    dir: temp.dir,
    home,
    core,
    dispose: async () => {
      core.close();
      await temp.cleanup();
    },
  };
}

/**
 * Requests to a host core as the renderer makes them (same origin, JSON bodies). `core` is read at
 * each call, so tests can make a fresh core per test.
 */
export function requestsTo(core: () => HostCore) {
  const call = (url: string, init?: RequestInit): Promise<Response> => core().fetch(new Request(`http://127.0.0.1:5555${url}`, init));
  const send = (method: string, url: string, body?: unknown): Promise<Response> =>
    call(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }) });
  return { call, send };
}
