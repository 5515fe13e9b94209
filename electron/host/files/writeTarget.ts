/**
 * Where a save from the page writes (a notebook, a `.sql` file, a submission, grades): an absolute
 * path whose folder is inside the file roots, naming a new file or a regular one, never a link or
 * a folder. A folder outside the roots fails as a missing one does. One rule for every route that
 * writes a file the user named; each says which names it takes and how it words a refusal.
 */
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { MessageKey } from '../../../shared/i18n/translate';
import { HostFailure } from '../hostFailure';
import type { FileRoots } from './fileRoots';

export interface WriteTargetKind {
  /** Whether the route writes a file of this name (its extension). */
  accepts(fileName: string): boolean;
  /** The refusal of a name it does not write. */
  wrongName(fileName: string): HostFailure;
  /** The message for a path that is a folder or a link. */
  notAFile: MessageKey;
}

export async function writeTarget(roots: FileRoots, requested: string, kind: WriteTargetKind): Promise<string> {
  roots.requireFullPath(requested);
  const fileName = path.basename(requested);
  if (!kind.accepts(fileName)) throw kind.wrongName(fileName);
  const folder = await roots.resolve(path.dirname(requested));
  const file = path.join(folder, fileName);
  const existing = await lstat(file).catch(() => null);
  if (existing && !existing.isFile()) throw new HostFailure(422, kind.notAFile, { file: fileName });
  // A regular file's real path: the same file however its folder was named.
  return existing ? realpath(file) : file;
}
