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

  /** The real path of `requested`, or a failure when it is not inside one of the roots. */
  async resolve(requested: string): Promise<string> {
    if (!path.isAbsolute(requested)) {
      throw new HostFailure(400, 'error.invalidRequest', { message: 'the path must be absolute' });
    }
    const real = await realpath(requested).catch(() => {
      throw new HostFailure(404, 'error.fileNotFound', { file: path.basename(requested) });
    });
    if (!this.contains(real)) {
      throw new HostFailure(403, 'error.fileOutsideRoots', { file: path.basename(requested) });
    }
    return real;
  }

  private contains(real: string): boolean {
    return this.roots.some((root) => {
      const relative = path.relative(root.path, real);
      return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    });
  }
}
