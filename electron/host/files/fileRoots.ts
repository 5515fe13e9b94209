import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { FileRoot } from '../../../shared/contract/hostApi';
import { HostFailure } from '../hostFailure';

/**
 * The folders the file browser may show. A path is inside a root only after symbolic links are
 * resolved, so a link cannot lead the browser out of them.
 */
export class FileRoots {
  private constructor(private readonly roots: readonly FileRoot[]) {}

  static async create(roots: readonly FileRoot[]): Promise<FileRoots> {
    const resolved: FileRoot[] = [];
    for (const root of roots) {
      try {
        resolved.push({ label: root.label, path: await realpath(root.path) });
      } catch {
        // A root that does not exist (no home folder in a container, say) is simply not offered.
      }
    }
    return new FileRoots(resolved);
  }

  list(): readonly FileRoot[] {
    return this.roots;
  }

  /**
   * The real path of `requested`, or a failure when it is not inside one of the roots. A path
   * outside the roots fails exactly as a missing one does (404, same message), so the answer never
   * tells whether a file exists where the app may not look.
   */
  async resolve(requested: string): Promise<string> {
    this.requireFullPath(requested);
    const notFound = new HostFailure(404, 'error.fileNotFound', { file: path.basename(requested) });
    const real = await realpath(requested).catch(() => {
      throw notFound;
    });
    if (!this.contains(real)) throw notFound;
    return real;
  }

  /**
   * Paths are typed in full (no folder is "current" for a browser page): a name alone, or a path
   * from nowhere, is refused with the full path it most likely meant, in the first root.
   */
  requireFullPath(requested: string): void {
    if (path.isAbsolute(requested)) return;
    const first = this.roots[0];
    const example = first ? path.join(first.path, requested.trim() === '' ? 'file' : requested) : requested;
    throw new HostFailure(400, 'files.notFullPath', { path: requested, example });
  }

  /** Whether a real (links resolved) path is inside one of the roots. */
  contains(real: string): boolean {
    return this.roots.some((root) => {
      const relative = path.relative(root.path, real);
      return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    });
  }
}
