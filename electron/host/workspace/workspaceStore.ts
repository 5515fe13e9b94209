import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { Workspace } from '../../../shared/contract/hostApi';
import { applyWorkspacePatch, type WorkspacePatch } from '../../../shared/contract/workspacePatch';
import type { SaveOrder, WorkspaceSaveAnswer } from '../../../shared/contract/workspaceSaveOrder';
import { removeInterruptedWrites, writeFileAtomically } from '../files/atomicWrite';
import { HostFailure, writeFailure } from '../hostFailure';

export const emptyWorkspace: Workspace = { version: 1, tabs: [], activeTabId: null };

/** How many saved revisions a patch may be based on (a patch races the saves still in flight). */
const keptRevisions = 16;
/** How many settled closing saves are remembered (a reload asks about the last one). */
const keptClosings = 32;
/** How many pages' newest saves are remembered (a page's saves race each other only while it closes). */
const keptPages = 64;
/** How long a load waits for a closing save that has not arrived: it may never come (the page was killed). */
export const closingSaveWaitMs = 3_000;

/** What comes with a save besides the workspace. */
export interface SaveOptions {
  /** Names a page's closing save: loads waiting for it go on once it has landed or failed. */
  closingSave?: string;
  /** The save's place among its page's saves: one older than a save applied from that page is left out. */
  order?: SaveOrder;
}

/**
 * Keeps the workspace (tabs, settings) in the app's data folder, written atomically. Every save
 * gets a revision number; the page's closing save is a patch against the last revision it saw
 * saved (see shared/contract/workspacePatch.ts), so the last few revisions are kept in memory.
 * A page's saves can arrive out of order, and one older than a save already applied from the same
 * page is left out (shared/contract/workspaceSaveOrder.ts).
 */
export class WorkspaceStore {
  readonly file: string;
  /** Writes are chained so two saves never interleave. */
  private pending: Promise<unknown> = Promise.resolve();
  private revision = 0;
  private readonly revisions = new Map<number, Workspace>();
  /** Closing saves that have landed or failed, by the page's id (see ClosingSaveQuery). */
  private readonly settledClosings = new Set<string>();
  /** Loads waiting for a closing save, by its id. */
  private readonly closingWaiters = new Map<string, Set<() => void>>();
  /** The `seq` of the newest save applied from each page, by page id; the most recent pages last. */
  private readonly newestByPage = new Map<string, number>();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'workspace.json');
  }

  /**
   * The workspace as last saved. With `afterClosingSave`, once that closing save has landed or
   * failed, or `closingSaveWaitMs` has passed: a reload can ask before the old page's last save
   * has reached the host.
   */
  async load(afterClosingSave?: string): Promise<{ workspace: Workspace; revision: number; recoveredFrom?: string }> {
    if (afterClosingSave !== undefined) await this.closingSettled(afterClosingSave);
    await this.pending.catch(() => undefined);
    if (this.revisions.has(this.revision)) return { workspace: this.revisions.get(this.revision) ?? emptyWorkspace, revision: this.revision };
    await removeInterruptedWrites(this.file);
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch {
      return { workspace: this.remember(emptyWorkspace), revision: this.revision };
    }
    try {
      return { workspace: this.remember(Workspace.parse(JSON.parse(raw))), revision: this.revision };
    } catch {
      // Keep the unreadable file for the user instead of overwriting it with a fresh workspace.
      const kept = `${this.file}.unreadable-${Date.now()}`;
      await rename(this.file, kept).catch(() => undefined);
      return { workspace: this.remember(emptyWorkspace), revision: this.revision, recoveredFrom: path.basename(kept) };
    }
  }

  /**
   * Saves a whole workspace; resolves with its revision once it is on disk, or at once, marked
   * superseded, when its page has had a newer save applied.
   */
  save(workspace: Workspace, { closingSave, order }: SaveOptions = {}): Promise<WorkspaceSaveAnswer> {
    if (!this.claim(order)) return Promise.resolve(this.superseded(closingSave));
    const revision = ++this.revision;
    const write = async (): Promise<WorkspaceSaveAnswer> => {
      try {
        await mkdir(path.dirname(this.file), { recursive: true });
        await writeFileAtomically(this.file, JSON.stringify(workspace));
      } catch (error) {
        throw writeFailure(error, this.file);
      }
      this.revisions.set(revision, workspace);
      for (const old of this.revisions.keys()) if (old <= revision - keptRevisions) this.revisions.delete(old);
      return { revision, superseded: false };
    };
    const written = this.pending.then(write, write);
    this.pending = written.catch(() => undefined);
    if (closingSave !== undefined) void this.pending.then(() => this.settleClosing(closingSave));
    return written;
  }

  /** Saves a workspace sent as a patch against a revision saved before (options as for `save`). */
  async savePatch(patch: WorkspacePatch, options: SaveOptions = {}): Promise<WorkspaceSaveAnswer> {
    await this.pending;
    // Decided when the patch is applied, as for a whole workspace (an older save of its page that
    // arrived while it waited has been written before it, and the patch is applied over that).
    if (this.supersedes(options.order)) return this.superseded(options.closingSave);
    const base = this.revisions.get(patch.base);
    const workspace = base ? applyWorkspacePatch(base, patch) : null;
    if (!workspace) {
      if (options.closingSave !== undefined) this.settleClosing(options.closingSave);
      throw new HostFailure(409, 'workspace.patchStale');
    }
    return this.save(workspace, options);
  }

  /** The answer to a save left out: the workspace stays the newer one its page sent (whose revision this is, or a later one's). */
  private superseded(closingSave: string | undefined): WorkspaceSaveAnswer {
    if (closingSave !== undefined) this.settleClosing(closingSave);
    return { revision: this.revision, superseded: true };
  }

  /** Whether the page of `order` has had a save applied that is as new as this one or newer. */
  private supersedes(order: SaveOrder | undefined): boolean {
    if (!order) return false;
    const newest = this.newestByPage.get(order.page);
    return newest !== undefined && order.seq <= newest;
  }

  /** Records `order` as its page's newest applied save, unless a newer one was; false then. */
  private claim(order: SaveOrder | undefined): boolean {
    if (!order) return true;
    if (this.supersedes(order)) return false;
    this.newestByPage.delete(order.page);
    this.newestByPage.set(order.page, order.seq);
    for (const page of this.newestByPage.keys()) {
      if (this.newestByPage.size <= keptPages) break;
      this.newestByPage.delete(page);
    }
    return true;
  }

  private closingSettled(closingSave: string): Promise<void> {
    if (this.settledClosings.has(closingSave)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const waiters = this.closingWaiters.get(closingSave) ?? new Set<() => void>();
      const wake = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0) this.closingWaiters.delete(closingSave);
        resolve();
      };
      const timer = setTimeout(wake, closingSaveWaitMs);
      waiters.add(wake);
      this.closingWaiters.set(closingSave, waiters);
    });
  }

  private settleClosing(closingSave: string): void {
    this.settledClosings.add(closingSave);
    for (const old of this.settledClosings) {
      if (this.settledClosings.size <= keptClosings) break;
      this.settledClosings.delete(old);
    }
    for (const wake of [...(this.closingWaiters.get(closingSave) ?? [])]) wake();
  }

  private remember(workspace: Workspace): Workspace {
    this.revisions.set(this.revision, workspace);
    return workspace;
  }
}
