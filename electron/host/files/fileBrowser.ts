import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FsEntry, FsListing, FsPathKind } from '../../../shared/contract/hostApi';
import { isSqlFileName } from '../../../shared/contract/sqlFileApi';
import { formatForFileName } from '../../../shared/contract/fileFormats';
import { isNotebookFileName } from '../../../shared/contract/notebookApi';
import { isBundleFileName } from '../../../shared/contract/labApi';
import { fileFailure, HostFailure, writeFailure } from '../hostFailure';
import type { FileRoots } from './fileRoots';

const maxEntries = 5000;

/** Lists one folder inside the roots: folders first, then files, each sorted by name. */
export async function listFolder(roots: FileRoots, requested: string): Promise<FsListing> {
  const folder = await roots.resolve(requested);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw fileFailure(error, path.basename(folder));
  }
  const entries: FsEntry[] = [];
  for (const name of names) {
    // Hidden files are noise in a data file picker; a user who needs one can type its folder.
    if (name.startsWith('.')) continue;
    const full = path.join(folder, name);
    const info = await stat(full).catch(() => null);
    if (!info) continue;
    if (info.isDirectory()) {
      entries.push({ name, path: full, kind: 'directory', openable: false });
    } else if (info.isFile()) {
      entries.push({ name, path: full, kind: 'file', sizeBytes: info.size, openable: formatForFileName(name) !== null || isNotebookFileName(name) || isBundleFileName(name) || isSqlFileName(name) });
    }
    if (entries.length >= maxEntries) break;
  }
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  entries.sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'directory' ? -1 : 1));
  const parentPath = path.dirname(folder);
  const parent = parentPath !== folder && (await roots.resolve(parentPath).then(() => true, () => false)) ? parentPath : null;
  return { path: folder, parent, entries };
}

/** Whether a typed path is a folder, a file, or nothing the browser may show (a path not typed in full is refused as listing refuses it). */
export async function pathKind(roots: FileRoots, requested: string): Promise<FsPathKind> {
  let real: string;
  try {
    real = await roots.resolve(requested);
  } catch (error) {
    if (error instanceof HostFailure && error.status === 404) return { kind: 'missing' };
    throw error;
  }
  const info = await stat(real).catch(() => null);
  return { kind: info?.isDirectory() ? 'directory' : info?.isFile() ? 'file' : 'missing' };
}

/**
 * Makes a folder inside `parent` (which must be inside the roots) for an export; never replaces
 * or merges into one that exists. Returns the new folder's listing.
 */
export async function createFolder(roots: FileRoots, parent: string, name: string, isAppFolder: (folder: string) => Promise<boolean>): Promise<FsListing> {
  const folder = await roots.resolve(parent);
  const target = path.join(folder, name);
  if (await isAppFolder(target)) throw new HostFailure(403, 'export.errorAppFolder', { file: name });
  try {
    await mkdir(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'EEXIST') throw new HostFailure(409, 'files.folderExists', { name });
    throw writeFailure(error, name);
  }
  return listFolder(roots, target);
}
