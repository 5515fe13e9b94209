import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { HistoryEntry, QueryHistory, historyLimit } from '../../../shared/contract/hostApi';
import { removeInterruptedWrites, writeFileAtomically } from '../files/atomicWrite';
import { writeFailure } from '../hostFailure';

/** What workspaces saved before the history had its own file held: their `history` is taken over once. */
const LegacyWorkspace = z.object({ history: z.array(HistoryEntry).max(historyLimit) });

/**
 * The query history, in its own file beside the workspace: it grows with every run, and keeping it
 * apart keeps the workspace (saved at every edit, and by the page as it closes) small.
 */
export class HistoryStore {
  readonly file: string;
  private entries: HistoryEntry[] | null = null;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    this.file = path.join(dataDir, 'history.json');
  }

  async load(): Promise<QueryHistory> {
    if (this.entries === null) this.entries = await this.read();
    return { entries: this.entries };
  }

  /** Adds a run at the top; the oldest runs past the limit are dropped. */
  async append(entry: HistoryEntry): Promise<void> {
    const { entries } = await this.load();
    this.entries = [entry, ...entries].slice(0, historyLimit);
    const snapshot = this.entries;
    const write = async (): Promise<void> => {
      try {
        await mkdir(this.dataDir, { recursive: true });
        await writeFileAtomically(this.file, JSON.stringify({ entries: snapshot } satisfies QueryHistory));
      } catch (error) {
        throw writeFailure(error, this.file);
      }
    };
    const written = this.pending.then(write, write);
    this.pending = written.catch(() => undefined);
    return written;
  }

  private async read(): Promise<HistoryEntry[]> {
    await removeInterruptedWrites(this.file);
    const own = await readJson(this.file);
    const parsed = QueryHistory.safeParse(own);
    if (parsed.success) return parsed.data.entries;
    const legacy = LegacyWorkspace.safeParse(await readJson(path.join(this.dataDir, 'workspace.json')));
    return legacy.success ? legacy.data.history : [];
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}
