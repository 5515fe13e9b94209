import path from 'node:path';
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
    fileRoots: [{ label: 'Home', path: home }],
    filesToOpen,
    nativeProcessScript: builtNativeProcessScript(),
  });
}
