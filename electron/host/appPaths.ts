import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostCoreOptions } from './hostCore';
import { appVersion } from './appVersion';

/**
 * The app's own folder (built files in `out/`, samples in `datasets/`), from the URL of an entry
 * point: entries are built to out/main/, two levels below it. Shared chunks live deeper, so only
 * entry points may call this.
 */
export function appRootOf(entryUrl: string): string {
  return fileURLToPath(new URL('../..', entryUrl));
}

export function rendererDir(root: string): string {
  return path.join(root, 'out', 'renderer');
}

export function nativeProcessScript(root: string): string {
  return path.join(root, 'out', 'main', 'nativeProcess.js');
}

export function datasetsDir(root: string): string {
  return path.join(root, 'datasets');
}

/** Where browser mode keeps the workspace: DATALAB_DATA_DIR, or the platform's per-user data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATALAB_DATA_DIR) return path.resolve(env.DATALAB_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Data Lab');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Data Lab');
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'data-lab');
  }
}

export function homeRoots(): { label: string; path: string }[] {
  return [{ label: 'files.rootHome', path: os.homedir() }];
}

/** The host core's options that follow from where the app is installed, the same for both hosts. */
export function installedAppOptions(
  entryUrl: string,
): Pick<HostCoreOptions, 'appVersion' | 'installDir' | 'rendererDir' | 'datasetsDir' | 'fileRoots' | 'nativeProcessScript'> {
  const root = appRootOf(entryUrl);
  return {
    appVersion,
    installDir: root,
    rendererDir: rendererDir(root),
    datasetsDir: datasetsDir(root),
    fileRoots: homeRoots(),
    nativeProcessScript: nativeProcessScript(root),
  };
}
