import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileExtensions, type DestinationCheck, type FileFormat } from '../../../shared/contract/exportApi';
import { HostFailure, fileFailure } from '../hostFailure';
import type { FileRoots } from '../files/fileRoots';

/**
 * Where exports may be written. Paths come from the renderer and are not trusted: a destination's
 * folder must be inside the file roots (after links are resolved), or the file must be one the
 * user picked in Electron's save dialog (the main side grants those). Whatever the roots say, an
 * export writes only a data file (its name ends with the format's extension) and never inside the
 * app's own folders (its install folder, its data folder), both compared after links are resolved:
 * with HOME a link, the data folder's path as configured and the destination's real path differ.
 */
export class ExportDestinations {
  private readonly granted = new Set<string>();

  constructor(
    private readonly roots: FileRoots,
    /** The app's install folder and its data folder (as configured; resolved at each check). */
    private readonly forbiddenFolders: readonly string[],
  ) {}

  /** A file the user chose in the native save dialog: allowed wherever it is (but not in the app's folders). */
  grant(file: string): void {
    this.granted.add(path.resolve(file));
  }

  /** Whether `file` (a real path) lies inside one of the app's own folders, compared after links are resolved. */
  async isInAppFolder(file: string): Promise<boolean> {
    for (const forbidden of this.forbiddenFolders) if (isInside(await realOrResolved(forbidden), file)) return true;
    return false;
  }

  /**
   * The real path a destination will be written to, and whether a file is there already. With
   * `format`, the name must end with that format's extension (an export is always given one).
   */
  async check(requested: string, format?: FileFormat): Promise<DestinationCheck> {
    this.roots.requireFullPath(requested);
    const name = path.basename(requested);
    if (name === '' || name === '.' || name === '..' || name.includes('\0') || /[\\/]$/.test(requested)) {
      throw new HostFailure(400, 'export.errorFileName', { file: requested });
    }
    if (format !== undefined && !hasExtension(name, fileExtensions[format])) {
      throw new HostFailure(422, 'export.errorExtension', { file: name, extension: `.${fileExtensions[format]}` });
    }
    const requestedFolder = path.dirname(requested);
    const folder = this.granted.has(path.resolve(requested))
      ? await realpath(requestedFolder).catch((error: unknown) => Promise.reject(fileFailure(error, path.basename(requestedFolder))))
      : await this.roots.resolve(requestedFolder);
    const folderInfo = await stat(folder);
    if (!folderInfo.isDirectory()) throw new HostFailure(422, 'export.errorNotFolder', { file: path.basename(folder) });
    const target = path.join(folder, name);
    if (await this.isInAppFolder(target)) throw new HostFailure(403, 'export.errorAppFolder', { file: name });
    const existing = await lstat(target).catch(() => null);
    if (existing?.isDirectory()) throw new HostFailure(422, 'error.fileIsDirectory', { file: name });
    return { path: target, exists: existing !== null };
  }
}

function hasExtension(name: string, extension: string): boolean {
  const suffix = `.${extension}`;
  return name.length > suffix.length && name.toLowerCase().endsWith(suffix);
}

/** A folder's real path; a folder that does not exist yet cannot hold the target, its path will do. */
async function realOrResolved(folder: string): Promise<string> {
  return realpath(folder).catch(() => path.resolve(folder));
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
