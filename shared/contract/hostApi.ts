/**
 * The contract between the renderer and the host core, written once and typed on both sides.
 * Every request body and query crossing into the main side is parsed by one of these schemas;
 * responses use the same types so the renderer's host client is typed from them.
 */
import { z } from 'zod';
import { nativeSettingsLimits } from '../engine/nativeSettingsRules';

/**
 * File formats the workbench can open as tables. CSV, TSV and Arrow go to the engine as they are;
 * Parquet and JSON are read by native DuckDB on the main side (the WebAssembly build has no reader
 * for them offline) and reach the engine as a DuckDB table. A DuckDB database file is attached
 * read-only by the native engine only; its tables read as `<table>.<its table>`.
 */
export const datasetFormats = ['csv', 'tsv', 'arrow', 'parquet', 'json', 'duckdb'] as const;
export const DatasetFormat = z.enum(datasetFormats);
export type DatasetFormat = z.infer<typeof DatasetFormat>;

export const DatasetOrigin = z.enum(['sample', 'opened']);
export type DatasetOrigin = z.infer<typeof DatasetOrigin>;

/** A sample dataset's title and description in one language. */
export const DatasetAbout = z.object({ title: z.string(), description: z.string() });

/** A file the host has agreed to serve: the renderer only ever sees its id, never its path's bytes by path. */
export const Dataset = z.object({
  id: z.string(),
  fileName: z.string(),
  /** Where the file lives, shown to the user; it is never used by the renderer to read the file. */
  displayPath: z.string(),
  format: DatasetFormat,
  sizeBytes: z.number().int().nonnegative(),
  origin: DatasetOrigin,
  title: z.string().optional(),
  description: z.string().optional(),
  license: z.string().optional(),
  /** The sample's title and description in French and Arabic (`title` is English). */
  translations: z.object({ fr: DatasetAbout.optional(), ar: DatasetAbout.optional() }).optional(),
});
export type Dataset = z.infer<typeof Dataset>;

/** A place to browse from; `label` is a message key (files.rootHome…), translated by the renderer. */
export const FileRoot = z.object({ label: z.string(), path: z.string() });
export type FileRoot = z.infer<typeof FileRoot>;

export const FsEntry = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(['file', 'directory']),
  sizeBytes: z.number().int().nonnegative().optional(),
  /** True when the workbench knows how to open the file. */
  openable: z.boolean(),
});
export type FsEntry = z.infer<typeof FsEntry>;

export const FsListing = z.object({
  path: z.string(),
  parent: z.string().nullable(),
  entries: z.array(FsEntry),
});
export type FsListing = z.infer<typeof FsListing>;

export const FsListQuery = z.object({ path: z.string().min(1).max(4096) });
/**
 * What a typed path names, asked before listing or opening it, so typing a file's path is not a
 * failed listing. `missing` also answers for a path outside the roots: the answer never tells
 * whether something exists where the app may not look.
 */
export const FsPathKind = z.object({ kind: z.enum(['directory', 'file', 'missing']) });
export type FsPathKind = z.infer<typeof FsPathKind>;
/**
 * A folder made from the export's folder picker: its name is one path segment (no separator, not
 * `.` or `..`, no NUL), so it can only land inside the folder shown, which the host checks is
 * inside its roots.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what a file name must not hold.
export const folderNamePattern = /^(?!\.{1,2}$)[^/\\\u0000]{1,255}$/;
export const NewFolderBody = z.object({ parent: z.string().min(1).max(4096), name: z.string().trim().regex(folderNamePattern) });
export type NewFolderBody = z.infer<typeof NewFolderBody>;
export const OpenDatasetBody = z.object({ path: z.string().min(1).max(4096) });
export const DatasetIdParam = z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) });

export const EditorTab = z.object({
  id: z.string().min(1).max(64),
  title: z.string().max(200),
  sql: z.string().max(5_000_000),
  /** A preview tab (a table opened from the catalog): the next preview replaces it; an edit keeps it. */
  preview: z.boolean().optional(),
  /** The `.sql` file the tab was opened from or saved to, and its version on disk then (see sqlFileApi.ts). */
  file: z.object({ path: z.string().min(1).max(4096), version: z.string().max(100), bom: z.boolean() }).optional(),
});
export type EditorTab = z.infer<typeof EditorTab>;

export const HistoryEntry = z.object({
  sql: z.string().max(1_000_000),
  at: z.string().max(40),
  ok: z.boolean(),
  /** The run was stopped (Cancel), not failed; absent in entries written before this field. */
  canceled: z.boolean().optional(),
  rowCount: z.number().int().nonnegative().optional(),
  elapsedMs: z.number().nonnegative().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const historyLimit = 500;

/** The query history, kept in its own file and endpoint (/api/history) so the workspace stays small. */
export const QueryHistory = z.object({ entries: z.array(HistoryEntry).max(historyLimit) });
export type QueryHistory = z.infer<typeof QueryHistory>;
/**
 * A file the user opened as a table, so that it comes back with the workspace after a reload or a
 * restart: reopened by its path, on whichever engine the workspace runs, under the same name.
 */
export const OpenedFile = z.object({
  path: z.string().min(1).max(4_096),
  table: z.string().min(1).max(128),
});
export type OpenedFile = z.infer<typeof OpenedFile>;

export const openedFilesLimit = 200;

/** Sorting and filtering of a result, done by the engine (see shared/sql/resultView.ts). */
export const ResultViewBody = z.object({
  sort: z.object({ column: z.number().int().nonnegative().max(100_000), descending: z.boolean() }).nullable(),
  filter: z.string().max(1_000),
});

/** The native engine's resources: DuckDB's memory limit and thread count. */
export const NativeSettingsBody = z.object({
  memoryLimit: z.string().regex(/^\d{1,7}(MiB|GiB)$/),
  threads: z.number().int().min(nativeSettingsLimits.threadsMin).max(nativeSettingsLimits.threadsMax),
});
export type NativeSettingsBody = z.infer<typeof NativeSettingsBody>;

export const EngineKind = z.enum(['wasm', 'native']);
export type EngineKind = z.infer<typeof EngineKind>;

/** Pane sizes in percent: the sidebar's share of the window's width, the editor's of the workbench's height. */
export const PaneLayout = z.object({
  sidebar: z.number().min(10).max(60).optional(),
  editor: z.number().min(10).max(90).optional(),
});
export type PaneLayout = z.infer<typeof PaneLayout>;

/** What survives a restart: editor tabs and settings (the query history has its own file). */
export const Workspace = z.object({
  version: z.literal(1),
  tabs: z.array(EditorTab).max(100),
  activeTabId: z.string().max(64).nullable(),
  /** The engine this workspace runs on; the in-app engine when absent. */
  engine: EngineKind.optional(),
  /** The native engine's settings, when the user changed them. */
  nativeSettings: NativeSettingsBody.optional(),
  /** Files opened as tables, in the order they were opened; none when absent. */
  openedFiles: z.array(OpenedFile).max(openedFilesLimit).optional(),
  /** The language the user chose in the status bar; the system's language when absent. */
  locale: z.enum(['en', 'fr', 'ar']).optional(),
  /** Pane sizes the user set with the splitters, in percent; the defaults when absent. */
  layout: PaneLayout.optional(),
});
export type Workspace = z.infer<typeof Workspace>;

export const HostMode = z.enum(['electron', 'browser']);
export type HostMode = z.infer<typeof HostMode>;

export const Session = z.object({
  appVersion: z.string(),
  mode: HostMode,
  datasets: z.array(Dataset),
  /** Datasets named on the command line, in order: the renderer opens these at start. */
  openAtStart: z.array(z.string()),
  /** Notebooks named on the command line (real paths), opened as notebook tabs at start. */
  notebooksAtStart: z.array(z.string()),
  /** SQL files named on the command line (real paths), opened in editor tabs at start. */
  sqlFilesAtStart: z.array(z.string()),
  /** Files named on the command line that could not be opened, with the reason. */
  startupErrors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type Session = z.infer<typeof Session>;

/**
 * Browser mode's credential: the per-run token, sent by the page as `Authorization: Bearer <token>`
 * on every API request (see electron/host/http/loopbackGuard.ts). In Electron there is none.
 */
export const authorizationScheme = 'Bearer';

/**
 * The query parameter that lets the in-app engine's worker read one opened file's bytes by URL
 * (it cannot send headers): base64url(HMAC-SHA256(token, dataset id)).
 */
export const datasetReadKeyParam = 'key';

/**
 * The largest request body the host accepts, except uploads of exports (streamed to disk with their
 * own limit): a workspace with 100 tabs of a few megabytes fits, a runaway request does not.
 */
export const maxJsonBodyBytes = 64 * 2 ** 20;

/** Errors always come back as JSON with a message meant for the user. */
/** A message's parameters as they cross from the main side: text, numbers and byte sizes. */
export const HostMessageParams = z.record(z.string(), z.union([z.string(), z.number(), z.object({ bytes: z.number() })]));
export type HostMessageParams = z.infer<typeof HostMessageParams>;

/**
 * Errors always come back as JSON: `code` is a message key (shared/i18n/messages.en.ts) and
 * `params` its parameters, which the renderer translates in the user's language; `error` is the
 * English text, for logs and clients that do not translate.
 */
export const HostError = z.object({ error: z.string(), code: z.string(), params: HostMessageParams.optional() });
export type HostError = z.infer<typeof HostError>;

/** Events pushed over server-sent events at /api/events. */
export const HostEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dataset-opened'), dataset: Dataset }),
  z.object({ type: z.literal('hello') }),
  // Something the host must tell the user that no request of theirs asked for (a workbench database set aside).
  z.object({ type: z.literal('notice'), message: z.string() }),
]);
export type HostEvent = z.infer<typeof HostEvent>;
