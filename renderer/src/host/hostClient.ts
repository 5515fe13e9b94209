/**
 * The renderer's only way to the main side: typed calls over the host core's HTTP API (served by
 * Electron's custom protocol or by browser mode's loopback server: the same URLs either way).
 */
import type {
  NativeSettingsBody,
  Dataset,
  FileRoot,
  FsListing,
  FsPathKind,
  HostError,
  HistoryEntry,
  HostEvent,
  QueryHistory,
  Session,
  Workspace,
} from '../../../shared/contract/hostApi';
import type { ClosingSaveQuery, WorkspacePatch } from '../../../shared/contract/workspacePatch';
import type { SaveOrder, WorkspaceSaveAnswer, WorkspaceSaveQuery } from '../../../shared/contract/workspaceSaveOrder';
import { tableFramesPath } from '../../../shared/contract/tableFrames';

import type { NamesRead, NotebookFile, NotebookRecovery, NotebookVersion, RecoveredNotebook, PreparedCell, RecentFiles, SaveNotebookBody } from '../../../shared/contract/notebookApi';
import type { DestinationCheck, FileFormat, ExportJobStatus, StartExportBody } from '../../../shared/contract/exportApi';
import type { ResultView } from '../../../shared/sql/resultView';
import type { KeepTableBody } from '../../../shared/contract/keptTablesApi';
import { isMessageKey } from '../../../shared/i18n/translate';
import { t } from '../i18n/i18n';
import { authorizationHeader } from './accessToken';
import { readEventStream } from './eventStream';

/** A failure the host explained; `message` is meant for the user, in their language. */
export class HostRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'HostRequestError';
  }
}

export async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`/api${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...authorizationHeader(), ...init?.headers },
    credentials: 'omit',
  });
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export async function errorOf(response: Response): Promise<HostRequestError> {
  // Browser mode's guard answers in plain text: without a valid token, say how to get one.
  if (response.status === 401) return new HostRequestError(t('access.noToken'), 401, 'access.noToken');
  const body = (await response.json().catch(() => null)) as HostError | null;
  // The host speaks in codes: its message key is translated here, in the current locale (DuckDB's
  // own text, when there is some, arrives as a parameter inside the translated sentence).
  const message = body && isMessageKey(body.code) ? t(body.code, body.params) : (body?.error ?? `${response.status} ${response.statusText}`);
  return new HostRequestError(message, response.status, body?.code ?? 'error.host');
}

/**
 * A file rewritten while it was read gives bytes from two versions (a torn table): after a load,
 * the file's version (its ETag: size and modification time) must still be the one read.
 */
async function sameVersion(url: string, version: string | null, file: string): Promise<void> {
  if (version === null) return;
  const now = await fetch(url, { method: 'HEAD', headers: authorizationHeader(), credentials: 'same-origin' });
  if (!now.ok || now.headers.get('ETag') !== version) throw new HostRequestError(t('error.fileChanged', { file }), 409, 'error.fileChanged');
}

/** A native result's progress, as the host reports it. */
export interface NativeResultStatus {
  rowCount: number;
  complete: boolean;
  error: string | null;
}

function statusFromHeaders(headers: Headers): NativeResultStatus {
  const error = headers.get('X-Result-Error');
  return {
    rowCount: Number(headers.get('X-Result-Rows') ?? 0),
    complete: headers.get('X-Result-Complete') === 'true',
    error: error === null ? null : decodeURIComponent(error),
  };
}

async function arrowCall(path: string, init?: RequestInit): Promise<{ bytes: Uint8Array; headers: Headers }> {
  const response = await fetch(`/api${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...authorizationHeader(), ...init?.headers },
    credentials: 'omit',
  });
  if (!response.ok) throw await errorOf(response);
  return { bytes: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
}

/** The native engine's API on the main side (see electron/host/native/nativeRoutes.ts). */
const native = {
  start: () => call<{ settings: NativeSettingsBody }>('/native/start', { method: 'POST' }),
  addTable: (datasetId: string, table: string) => call<void>('/native/tables', { method: 'POST', body: JSON.stringify({ datasetId, table }) }),
  /** Closes the view of an opened file (the file stays; only the workbench forgets it). */
  removeTable: (table: string) => call<void>(`/native/tables/${encodeURIComponent(table)}`, { method: 'DELETE' }),
  setSettings: (settings: NativeSettingsBody) => call<void>('/native/settings', { method: 'PUT', body: JSON.stringify(settings) }),
  async execute(sql: string) {
    const { bytes, headers } = await arrowCall('/native/statements', { method: 'POST', body: JSON.stringify({ sql }) });
    return {
      firstRows: bytes,
      resultId: Number(headers.get('X-Result-Id')),
      relation: decodeURIComponent(headers.get('X-Result-Relation') ?? ''),
      status: statusFromHeaders(headers),
    };
  },
  read: async (sql: string, statementId?: string) =>
    (await arrowCall('/native/read', { method: 'POST', body: JSON.stringify({ sql, statementId }) })).bytes,
  /** Stops the running statement, or with `statementId` only that one (running or queued). */
  interrupt: (statementId?: string) =>
    call<{ interrupted: boolean }>('/native/interrupt', { method: 'POST', body: JSON.stringify(statementId ? { statementId } : {}) }),
  /** How far the running statement has got (DuckDB's progress, 0..1); null when none runs or DuckDB cannot tell. */
  progress: async () => (await call<{ fraction: number | null }>('/native/progress')).fraction,
  /** A long poll: answered when the result is complete, or after `waitMs` with how far it got. */
  status: (resultId: number, waitMs = 0) => call<NativeResultStatus>(`/native/results/${resultId}/status?wait=${waitMs}`),
  async rows(resultId: number, offset: number, limit: number) {
    const { bytes, headers } = await arrowCall(`/native/results/${resultId}/rows?${new URLSearchParams({ offset: String(offset), limit: String(limit) })}`);
    return { bytes, status: statusFromHeaders(headers) };
  },
  view: (resultId: number, view: ResultView) =>
    call<{ resultId: number; relation: string; status: NativeResultStatus }>(`/native/results/${resultId}/view`, { method: 'POST', body: JSON.stringify(view) }),
  release: (resultId: number) => call<void>(`/native/results/${resultId}`, { method: 'DELETE' }),
};

/** Exports on the main side (see electron/host/export/exportRoutes.ts). */
const exports = {
  checkDestination: (destination: string, format: FileFormat) =>
    call<DestinationCheck>('/exports/destination', { method: 'POST', body: JSON.stringify({ destination, format }) }),
  /** Uploads a file the in-app engine wrote; the host keeps it for one export. */
  upload: async (body: Blob, signal: AbortSignal) =>
    (
      await call<{ stagedId: string }>('/exports/staged', {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/octet-stream' },
        signal,
      })
    ).stagedId,
  start: (body: StartExportBody) => call<ExportJobStatus>('/exports', { method: 'POST', body: JSON.stringify(body) }),
  status: (id: string) => call<ExportJobStatus>(`/exports/${encodeURIComponent(id)}`),
  cancel: (id: string) => call<ExportJobStatus>(`/exports/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

/** Notebooks on the main side (see electron/host/notebooks/notebookRoutes.ts). */
const notebooks = {
  open: (path: string) => call<NotebookFile>('/notebooks/open', { method: 'POST', body: JSON.stringify({ path }) }),
  save: (body: SaveNotebookBody) => call<NotebookFile>('/notebooks/file', { method: 'PUT', body: JSON.stringify(body) }),
  version: async (path: string) => (await call<NotebookVersion>('/notebooks/version', { method: 'POST', body: JSON.stringify({ path }) })).version,
  /** DuckDB's parser on the main side: the tables a statement reads. */
  namesRead: async (sql: string) => (await call<NamesRead>('/notebooks/names-read', { method: 'POST', body: JSON.stringify({ sql }) })).names,
  recovered: () => call<RecoveredNotebook[]>('/notebooks/recovery'),
  keepForRecovery: (recovery: NotebookRecovery) => call<void>('/notebooks/recovery', { method: 'PUT', body: JSON.stringify(recovery) }),
  forgetRecovery: (key: string) => call<void>(`/notebooks/recovery/${encodeURIComponent(key)}`, { method: 'DELETE' }),
  /** Notebooks opened or saved lately, newest first, each said to exist or not. */
  recent: async () => (await call<RecentFiles>('/notebooks/recent')).files,
  forgetRecent: (path: string) => call<void>('/notebooks/recent/forget', { method: 'POST', body: JSON.stringify({ path }) }),
  /** A cell's statement as it runs: a query, its relative paths resolved from the notebook's folder. */
  prepare: async (sql: string, notebookPath: string | null) =>
    (await call<PreparedCell>('/notebooks/prepare', { method: 'POST', body: JSON.stringify({ sql, notebookPath }) })).sql,
};

export interface ByteProgress {
  loaded: number;
  total: number;
}

/** Tables kept from the in-app engine (see shared/contract/keptTablesApi.ts); their rows are uploaded with exports.upload. */
const keptTables = {
  keep: (body: KeepTableBody) => call<Dataset>('/kept-tables', { method: 'POST', body: JSON.stringify(body) }),
  forget: (datasetId: string) => call<void>(`/kept-tables/${encodeURIComponent(datasetId)}`, { method: 'DELETE' }),
};

/**
 * How much history may be sent to outlive the page as it goes, all entries together (see
 * recordHistory): the browser allows 64 KiB of such requests at once, and the workspace's closing
 * save needs the rest. Spent as the page goes; a request sent while the page lives gives it back.
 */
const keepaliveHistoryBytes = 16 * 1024;
let keepaliveHistorySpent = 0;

/** A query string of the parameters that are there ('' with none). */
function queryOf(query: ClosingSaveQuery | WorkspaceSaveQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return params.size === 0 ? '' : `?${params}`;
}

/** How a workspace save goes: its order among the page's saves, and, for the closing save, its id. */
export interface WorkspaceSaveOptions {
  order: SaveOrder;
  closingSave?: string;
}

export const hostClient = {
  native,
  exports,
  keptTables,
  notebooks,
  session: () => call<Session>('/session'),
  roots: () => call<FileRoot[]>('/fs/roots'),
  listFolder: (path: string) => call<FsListing>(`/fs/list?${new URLSearchParams({ path })}`),
  /** What a typed path names (a folder, a file, nothing), asked before listing or opening it. */
  pathKind: (path: string) => call<FsPathKind>(`/fs/kind?${new URLSearchParams({ path })}`),
  /** Makes a folder inside `parent` (the export's folder picker) and lists it. */
  createFolder: (parent: string, name: string) => call<FsListing>('/fs/folders', { method: 'POST', body: JSON.stringify({ parent, name }) }),
  openDataset: (path: string) => call<Dataset>('/datasets/open', { method: 'POST', body: JSON.stringify({ path }) }),
  /** The saved workspace; after a reload, once the old page's closing save has landed (ClosingSaveQuery). */
  loadWorkspace: (closingSave?: string) =>
    call<{ workspace: Workspace; revision: number; recoveredFrom: string | null }>(`/workspace${queryOf({ closingSave })}`),
  /** Saves the whole workspace; the closing save (`keepalive`) outlives the page. */
  saveWorkspace: (workspace: Workspace, { order, closingSave, keepalive = false }: WorkspaceSaveOptions & { keepalive?: boolean }) =>
    call<WorkspaceSaveAnswer>(`/workspace${queryOf({ ...order, closingSave })}`, { method: 'PUT', body: JSON.stringify(workspace), keepalive }),
  /** The closing save: what changed since a saved revision, in a request that outlives the page. */
  saveWorkspacePatch: (patch: WorkspacePatch, { order, closingSave }: WorkspaceSaveOptions) =>
    call<WorkspaceSaveAnswer>(`/workspace/patch${queryOf({ ...order, closingSave })}`, { method: 'POST', body: JSON.stringify(patch), keepalive: true }),
  loadHistory: () => call<QueryHistory>('/history'),
  /**
   * Adds a run to the history. `outlivePage`: the page may be going away, so the request is made
   * to outlive it (`keepalive`) while the entries sent so have not spent `keepaliveHistoryBytes`,
   * leaving the workspace's closing save room in the browser's 64 KiB for such requests; the rest
   * go as usual, and may be lost.
   */
  recordHistory: (entry: HistoryEntry, { outlivePage = false }: { outlivePage?: boolean } = {}) => {
    const body = JSON.stringify(entry);
    const size = new Blob([body]).size;
    if (!outlivePage) keepaliveHistorySpent = 0;
    const keepalive = outlivePage && keepaliveHistorySpent + size <= keepaliveHistoryBytes;
    if (keepalive) keepaliveHistorySpent += size;
    return call<void>('/history', { method: 'POST', body, keepalive });
  },
  /** A Parquet dataset's size once loaded, from its footer (no row is read). */
  datasetFootprint: (id: string, signal?: AbortSignal) =>
    call<{ uncompressedBytes: number; rowCount: number }>(`/datasets/${encodeURIComponent(id)}/footprint`, signal ? { signal } : {}),
  /** How far the host's conversion of a Parquet or JSON dataset has got (0..1); null when unknown or none runs. */
  conversionProgress: async (id: string) => (await call<{ fraction: number | null }>(`/datasets/${encodeURIComponent(id)}/conversion`)).fraction,
  cancelConversion: (id: string) => call<void>(`/datasets/${encodeURIComponent(id)}/conversion`, { method: 'DELETE' }),
  /** A Parquet or JSON file's rows as Arrow, in frames (shared/contract/tableFrames.ts), read as they come. */
  async datasetTableFrames(id: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const response = await fetch(tableFramesPath(id), { signal: signal ?? null, headers: authorizationHeader(), credentials: 'omit' });
    if (!response.ok || !response.body) throw await errorOf(response);
    return response.body;
  },
  /** The bytes in the native engine's spill folder now. */
  spillBytes: async () => (await call<{ bytes: number }>('/native/spill')).bytes,

  /**
   * Reads a dataset's bytes, reporting progress as they stream in. `as: 'table'` asks for the
   * dataset as read by native DuckDB (a DuckDB database file), which Parquet and JSON need.
   */
  async datasetBytes(
    id: string,
    onProgress?: (progress: ByteProgress) => void,
    options?: { as?: 'content' | 'table'; signal?: AbortSignal; maxBytes?: number; tooLarge?: (bytes: number) => Error; fileName?: string },
  ): Promise<Uint8Array> {
    const url = `/api/datasets/${encodeURIComponent(id)}/${options?.as ?? 'content'}`;
    const file = options?.fileName ?? id;
    const response = await fetch(url, {
      signal: options?.signal ?? null,
      headers: authorizationHeader(),
      credentials: 'omit',
    });
    if (!response.ok) throw await errorOf(response);
    const total = Number(response.headers.get('Content-Length') ?? 0);
    if (options?.maxBytes !== undefined && total > options.maxBytes) {
      await response.body?.cancel();
      throw options.tooLarge?.(total) ?? new HostRequestError(`${total} bytes`, 413, 'error.fileTooLarge');
    }
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    // Read into one buffer of the announced size, so a large file is not held twice.
    let buffer = new Uint8Array(total);
    let loaded = 0;
    const reader = response.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (options?.signal?.aborted) throw error;
        // The host ends the response early when the file shrinks under it; the browser calls that a "network error".
        throw new HostRequestError(t('error.fileTruncated', { file, loaded, total }), 409, 'error.fileTruncated');
      }
      const { done, value } = chunk;
      if (done) break;
      if (loaded + value.length > buffer.length) {
        const grown = new Uint8Array(Math.max(buffer.length * 2, loaded + value.length));
        grown.set(buffer.subarray(0, loaded));
        buffer = grown;
      }
      buffer.set(value, loaded);
      loaded += value.length;
      onProgress?.({ loaded, total });
    }
    if (total !== 0 && loaded < total) throw new HostRequestError(t('error.fileTruncated', { file, loaded, total }), 409, 'error.fileTruncated');
    if (total !== 0 && loaded !== total) throw new HostRequestError(t('error.fileChanged', { file }), 409, 'error.fileChanged');
    await sameVersion(url, response.headers.get('ETag'), file);
    return loaded === buffer.length ? buffer : buffer.slice(0, loaded);
  },

  /**
   * Subscribes to the host's events; returns the function that unsubscribes. The stream is read
   * with fetch, not EventSource, which cannot send the Authorization header.
   */
  subscribe(onEvent: (event: HostEvent) => void): () => void {
    return readEventStream('/api/events', authorizationHeader, (type, data) => {
      if (type === 'dataset-opened') onEvent(JSON.parse(data) as HostEvent);
    });
  },
};
