/**
 * SQL files under /api/sql-files: open a `.sql` file by path into an editor tab, and save a tab's
 * text back atomically. Bodies are parsed with these schemas on the host; the renderer's client is
 * typed from them.
 */
import { z } from 'zod';
import { EditorTab } from './hostApi';

/** An SQL file is told by its extension: the file browser, a drop and the command line route it to an editor tab. */
export function isSqlFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.sql');
}

/**
 * The largest SQL file opened in a tab: far past any script a person writes, and below what a tab
 * holds (`EditorTab.sql`, in characters, never fewer than the file's bytes).
 */
export const maxSqlFileBytes = 4 * 2 ** 20;

const filePath = z.string().min(1).max(4096);

export const OpenSqlFileBody = z.object({ path: filePath });

/** An SQL file as the host read or wrote it. */
export const SqlFile = z.object({
  /** The file's real path: what the tab saves to. */
  path: z.string(),
  fileName: z.string(),
  /** Decoded, without its byte order mark. */
  text: z.string(),
  bom: z.boolean(),
  /** The file's version on disk when read or written (modification time and size), to notice another program's change. */
  version: z.string(),
});
export type SqlFile = z.infer<typeof SqlFile>;

export const SaveSqlFileBody = z.object({
  /** Absolute; a `.sql` file in a folder the file browser shows. */
  path: filePath,
  /** As long as a tab may hold: past `maxSqlFileBytes` once encoded, the host refuses it with its own message. */
  text: EditorTab.shape.sql,
  bom: z.boolean(),
  /**
   * The version the tab last read or wrote: the host refuses the save (409 `sqlFile.changedSinceOpened`)
   * when the file on disk is another version just before it renames the new text over it. Null: the
   * tab does not own this file (Save as).
   */
  expectedVersion: z.string().max(100).nullable(),
  /** Save as onto a file that exists replaces it only when the user said so (409 `save.exists` otherwise). */
  overwrite: z.boolean(),
});
export type SaveSqlFileBody = z.infer<typeof SaveSqlFileBody>;
