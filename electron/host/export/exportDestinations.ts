import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DestinationCheck } from '../../../shared/contract/exportApi';
import { HostFailure, fileFailure } from '../hostFailure';
import type { FileRoots } from '../files/fileRoots';

/**
 * Where exports may be written. Paths come from the renderer and are not trusted: a destination's
 * folder must be inside the file roots (after links are resolved), or the file must be one the
 * user picked in Electron's save dialog (the main side grants those). Nothing is written inside
 * the app's own data folder, whatever the roots say.
 */
export class ExportDestinations {
  private readonly granted = new Set<string>();

  constructor(
    private readonly roots: FileRoots,
    private readonly appDataDir: string,
  ) {}

  /** A file the user chose in the native save dialog: allowed wherever it is. */
  grant(file: string): void {
    this.granted.add(path.resolve(file));
  }

  /** The real path a destination will be written to, and whether a file is there already. */
  async check(requested: string): Promise<DestinationCheck> {
    if (!path.isAbsolute(requested)) throw new HostFailure(400, 'error.invalidRequest', { message: 'the path must be absolute' });
    const name = path.basename(requested);
    if (name === '' || name === '.' || name === '..' || name.includes('\0') || /[\\/]$/.test(requested)) {
      throw new HostFailure(400, 'export.errorFileName', { file: requested });
    }
    const requestedFolder = path.dirname(requested);
    const folder = this.granted.has(path.resolve(requested))
      ? await realpath(requestedFolder).catch((error: unknown) => Promise.reject(fileFailure(error, path.basename(requestedFolder))))
      : await this.roots.resolve(requestedFolder);
    const folderInfo = await stat(folder);
    if (!folderInfo.isDirectory()) throw new HostFailure(422, 'export.errorNotFolder', { file: path.basename(folder) });
    const target = path.join(folder, name);
    if (isInside(this.appDataDir, target)) throw new HostFailure(403, 'error.fileOutsideRoots', { file: name });
    const existing = await lstat(target).catch(() => null);
    if (existing?.isDirectory()) throw new HostFailure(422, 'error.fileIsDirectory', { file: name });
    return { path: target, exists: existing !== null };
  }
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(path.resolve(folder), file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
