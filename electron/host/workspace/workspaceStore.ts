import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { Workspace } from '../../../shared/contract/hostApi';
import { writeFileAtomically } from '../files/atomicWrite';

export const emptyWorkspace: Workspace = { version: 1, tabs: [], activeTabId: null, history: [] };

/** Keeps the workspace (tabs, history) in the app's data folder, written atomically. */
export class WorkspaceStore {
  private readonly file: string;
  /** Writes are chained so two saves never interleave. */
  private pending: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'workspace.json');
  }

  async load(): Promise<{ workspace: Workspace; recoveredFrom?: string }> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch {
      return { workspace: emptyWorkspace };
    }
    try {
      return { workspace: Workspace.parse(JSON.parse(raw)) };
    } catch {
      // Keep the unreadable file for the user instead of overwriting it with a fresh workspace.
      const kept = `${this.file}.unreadable-${Date.now()}`;
      await rename(this.file, kept).catch(() => undefined);
      return { workspace: emptyWorkspace, recoveredFrom: path.basename(kept) };
    }
  }

  save(workspace: Workspace): Promise<void> {
    const write = async (): Promise<void> => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomically(this.file, JSON.stringify(workspace));
    };
    this.pending = this.pending.then(write, write);
    return this.pending;
  }
}
