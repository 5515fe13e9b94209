/**
 * The recently opened and saved notebooks, newest first, in `recent-files.json` in the data folder.
 * The file is written whole under a temporary name and renamed; it is read back through its schema
 * (another program, an older version or a damaged disk may have written it), and a file that does
 * not parse is an empty list, never a failure: the list is a convenience, its loss costs nothing.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { RecentFilesStore, recentFilesLimit, type RecentFile, type RecentFileEntry } from '../../../shared/contract/notebookApi';
import { removeInterruptedWrites, writeFileAtomically } from '../files/atomicWrite';
import { writeFailure } from '../hostFailure';

export class RecentFilesList {
  readonly file: string;
  /** Writes one after another: the last change always lands last. */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    this.file = path.join(dataDir, 'recent-files.json');
  }

  /** The list, each entry said to exist or not as of now. */
  async list(): Promise<RecentFileEntry[]> {
    // In turn with the writes: the first read clears temporary files, never one being written.
    const read = this.pending.then(() => this.read());
    this.pending = read.catch(() => undefined);
    const files = await read;
    return Promise.all(files.map(async (entry) => ({ ...entry, exists: await stat(entry.path).then((info) => info.isFile(), () => false) })));
  }

  /** `file` (a real path) was opened or saved: it goes to the top. */
  remember(file: string): Promise<void> {
    return this.change((files) => [{ path: file, fileName: path.basename(file), usedAt: new Date().toISOString() }, ...files.filter((entry) => entry.path !== file)]);
  }

  forget(file: string): Promise<void> {
    return this.change((files) => files.filter((entry) => entry.path !== file));
  }

  private change(edit: (files: RecentFile[]) => RecentFile[]): Promise<void> {
    const write = async (): Promise<void> => {
      const files = edit(await this.read()).slice(0, recentFilesLimit);
      try {
        await mkdir(this.dataDir, { recursive: true });
        await writeFileAtomically(this.file, JSON.stringify({ files }, null, 2));
      } catch (error) {
        throw writeFailure(error, this.file);
      }
    };
    const written = this.pending.then(write, write);
    this.pending = written.catch(() => undefined);
    return written;
  }

  private cleared = false;

  private async read(): Promise<RecentFile[]> {
    if (!this.cleared) {
      // What a killed process left mid-write: before this process writes for the first time.
      this.cleared = true;
      await removeInterruptedWrites(this.file);
    }
    const text = await readFile(this.file, 'utf8').catch(() => null);
    if (text === null) return [];
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return [];
    }
    const parsed = RecentFilesStore.safeParse(json);
    // Only absolute paths: a relative one would be read from wherever the host happens to run.
    return parsed.success ? parsed.data.files.filter((entry) => path.isAbsolute(entry.path)) : [];
  }
}
