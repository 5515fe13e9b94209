import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The folder of converted tables (see ConvertedTables), kept under a size cap. Each entry is
 * `<key>.duckdb`; its modification time is when it was last used (set on every use), so the
 * oldest are evicted first. Anything else in the folder (a `.partial.duckdb` or `.wal` left by a
 * crash, a file from an older layout) is removed when the app starts.
 */
export const conversionCacheDefaultBytes = 8 * 2 ** 30;

const entryName = /^[0-9a-f]{32}\.duckdb$/;

export class ConversionCache {
  /** When each entry was last used in this run (files the run has not used: their access time). */
  private readonly usedAt = new Map<string, number>();

  constructor(
    readonly dir: string,
    private readonly maxBytes: number = conversionCacheDefaultBytes,
  ) {}

  /** The entry for `key`, or null when it is not cached; a hit counts as a use. */
  async lookup(key: string): Promise<string | null> {
    const file = this.entryPath(key);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    // A use is remembered here, never written to the file: its modification time is its version
    // (the ETag a reader checks after a load), which must not change while the page reads it.
    this.usedAt.set(file, Date.now());
    return file;
  }

  entryPath(key: string): string {
    return path.join(this.dir, `${key}.duckdb`);
  }

  /** At start: removes what a crash or an older version left, then evicts past the cap. */
  async cleanUp(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) if (!entryName.test(name)) await rm(path.join(this.dir, name), { force: true, recursive: true }).catch(() => undefined);
    await this.evict(null);
  }

  /**
   * Removes the least recently used entries until the folder fits the cap. `keep` (the entry
   * just made, which a load is about to read) is never removed, even alone past the cap.
   * Entries being read stay readable where they are open (POSIX), and are gone once closed.
   */
  async evict(keep: string | null): Promise<void> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((name) => entryName.test(name));
    const entries: { file: string; size: number; usedAt: number }[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) entries.push({ file, size: info.size, usedAt: this.usedAt.get(file) ?? Math.max(info.atimeMs, info.mtimeMs) });
    }
    let total = entries.reduce((sum, entry) => sum + entry.size, 0);
    for (const entry of entries.sort((a, b) => a.usedAt - b.usedAt)) {
      if (total <= this.maxBytes) return;
      if (entry.file === keep) continue;
      await rm(entry.file, { force: true }).catch(() => undefined);
      total -= entry.size;
    }
  }
}
