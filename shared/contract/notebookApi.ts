/**
 * The notebook routes' contract (/api/notebooks/…): open a notebook file by path, save it, and ask
 * DuckDB's parser (on the main side) what a cell reads and how it runs. Bodies are parsed with
 * these schemas on the host; the renderer's client is typed from them.
 */
import { z } from 'zod';
import { maxNotebookBytes } from '../notebook/notebookFormat';

const filePath = z.string().min(1).max(4096);

/** A notebook is a Markdown file: the extension tells the file browser and the command line so. */
export function isNotebookFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.md');
}

export const OpenNotebookBody = z.object({ path: filePath });

/** A notebook file as the host read it: its text (decoded, without its byte order mark). */
export const NotebookFile = z.object({
  /** The file's real path: what the page saves to and names when it asks how a cell runs. */
  path: z.string(),
  fileName: z.string(),
  text: z.string(),
  bom: z.boolean(),
  /** The file's version on disk when read or written (its modification time and size), to notice another program's change. */
  version: z.string(),
  /**
   * The language its text is written in, when known (a course's notebook: the course's, a BCP 47
   * tag): the page shows its Markdown in that language and direction, whatever the app's language.
   */
  language: z.string().max(35).nullable().optional(),
  /**
   * The file lies in Data Lab's own folders (a course's notebook, a sample): Save would be refused
   * there, so the page offers Save as, elsewhere, and says why.
   */
  readOnly: z.boolean().optional(),
});
export type NotebookFile = z.infer<typeof NotebookFile>;

/** The version on disk of a notebook the host opened or saved; null when the file is gone. */
export const NotebookVersionBody = z.object({ path: filePath });
export const NotebookVersion = z.object({ version: z.string().nullable() });
export type NotebookVersion = z.infer<typeof NotebookVersion>;

export const SaveNotebookBody = z.object({
  /** Absolute; a `.md` file in a folder the file browser shows. */
  path: filePath,
  text: z.string().max(maxNotebookBytes),
  bom: z.boolean(),
  /**
   * The file's version the page last read or wrote (`NotebookFile.version`): the host refuses the
   * save (409 `notebook.changedSinceOpened`) when the file on disk is another version just before it
   * renames the new text over it. Null or absent: the notebook does not own this file (Save as).
   */
  expectedVersion: z.string().max(100).nullable().optional(),
  /** Save as onto a file that exists replaces it only when the user said so (409 `save.exists` otherwise). */
  overwrite: z.boolean().optional(),
});
export type SaveNotebookBody = z.infer<typeof SaveNotebookBody>;

export const NamesReadBody = z.object({ sql: z.string().max(1_000_000) });
export const NamesRead = z.object({ names: z.array(z.string()) });
export type NamesRead = z.infer<typeof NamesRead>;

export const PrepareCellBody = z.object({
  sql: z.string().max(1_000_000),
  /** The notebook the cell belongs to (as opened or saved), or null for one never saved. */
  notebookPath: filePath.nullable(),
});
/** A cell's statement as it will run: a query, its relative file paths made absolute from the notebook's folder. */
export const PreparedCell = z.object({ sql: z.string() });
export type PreparedCell = z.infer<typeof PreparedCell>;

/** Unsaved edits kept in the data folder every few seconds, offered back at the next start. */
export const RecoveryKeyParam = z.object({ key: z.string().regex(/^[a-z0-9-]{1,64}$/) });
export const NotebookRecovery = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,64}$/),
  /** The notebook's file, or null for one never saved. */
  path: z.string().max(4096).nullable(),
  fileName: z.string().max(1000),
  text: z.string().max(maxNotebookBytes),
  bom: z.boolean(),
  savedAt: z.string().max(40),
});
export type NotebookRecovery = z.infer<typeof NotebookRecovery>;

/** A recovery as the host offers it back: with what it knows of the notebook's file now, as when it is opened. */
export const RecoveredNotebook = NotebookRecovery.extend({
  language: NotebookFile.shape.language,
  readOnly: NotebookFile.shape.readOnly,
});
export type RecoveredNotebook = z.infer<typeof RecoveredNotebook>;

/** How many files the recent list keeps, newest first. */
export const recentFilesLimit = 12;

/** A file the user opened or saved lately, as the host keeps it in the data folder. */
export const RecentFile = z.object({
  path: z.string().min(1).max(4096),
  fileName: z.string().max(1000),
  /** ISO time of the last open or save. */
  usedAt: z.string().max(40),
});
export type RecentFile = z.infer<typeof RecentFile>;

/** The store's file (`recent-files.json`): read back through this schema, since anything may have written it. */
export const RecentFilesStore = z.object({ files: z.array(RecentFile).max(recentFilesLimit) });

/** The recent list as the page shows it: whether each file is still there, asked at the time of the list. */
export const RecentFileEntry = RecentFile.extend({ exists: z.boolean() });
export type RecentFileEntry = z.infer<typeof RecentFileEntry>;
export const RecentFiles = z.object({ files: z.array(RecentFileEntry) });
export type RecentFiles = z.infer<typeof RecentFiles>;
export const ForgetRecentBody = z.object({ path: filePath });
