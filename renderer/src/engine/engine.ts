import type { RecordBatch } from 'apache-arrow';
import type { Dataset, EngineKind } from '../../../shared/contract/hostApi';
import type { MessageKey } from '../../../shared/i18n/translate';
import { t } from '../i18n/i18n';
import type { QueryResult } from './results/resultRows';
import type { ExportProgress, ExportRequest, ExportResult } from './exportJob';
import type { CatalogTable } from './catalogQueries';

export type { CatalogColumn, CatalogTable } from './catalogQueries';

/**
 * What the in-app engine can load from bytes: delimited text, Arrow IPC, or a DuckDB database file
 * holding a table named `data` (how Parquet and JSON arrive, read by native DuckDB on the main side).
 */
export type EngineFileFormat = 'csv' | 'tsv' | 'arrow' | 'duckdb';

export interface LoadFileRequest {
  /** The table to create. */
  table: string;
  /** The user's name for the file, for messages. */
  fileName: string;
  format: EngineFileFormat;
  /** The file's bytes. Ownership passes to the engine (the buffer may be transferred). */
  bytes: Uint8Array;
}

/** How far a load has got: a fraction of the bytes, or null when it cannot tell; with what it is doing. */
export interface LoadProgressUpdate {
  phase: 'preparing' | 'reading';
  fraction: number | null;
}

/** Arrow batches of one statement's whole result, as they are computed. */
export interface QueryStream extends AsyncIterable<RecordBatch> {
  /** DuckDB's type names of the result columns, when the engine can tell them. */
  readonly columnTypes: readonly string[] | null;
}

/**
 * A SQL engine as the workbench sees it. The in-app engine (duckdb-wasm in a worker) and the
 * native engine (DuckDB on the main side) both implement it, and no feature may depend on which.
 */
export interface Engine {
  readonly kind: EngineKind;
  /** The engine's name for the status bar. */
  readonly labelKey: MessageKey;
  /** Settles when the engine accepts queries; rejects with a message for the user. */
  readonly ready: Promise<void>;
  /**
   * Makes a dataset the host serves queryable as `table`. Row count when the engine knows it cheaply.
   * `signal` gives the load up: it rejects with LoadCanceledError, and no table is left behind.
   */
  loadDataset(
    dataset: Dataset,
    table: string,
    onProgress: (progress: LoadProgressUpdate) => void,
    signal?: AbortSignal,
  ): Promise<{ rowCount: number | null }>;
  /**
   * Closes the table `loadDataset` made as `table` (the file stays where it is): the table is no
   * more, and its name is free. Only for tables made for files; a table the user made is theirs.
   */
  closeDataset(table: string): Promise<void>;
  /**
   * The bytes of tables the engine can be given to hold (its memory, less room for queries); null
   * when it has no such budget (the native engine reads files in place and spills to disk).
   */
  loadBudgetBytes(): Promise<number | null>;
  /**
   * Refuses, before a byte of it is read, a file the page holds (a drop) that the engine cannot
   * take (a NeedsNativeEngine, or a TooBigForInApp with the estimate); null when the engine can try.
   */
  refuseFile(fileName: string, format: 'csv' | 'tsv' | 'arrow', sizeBytes: number): Promise<EngineError | null>;
  /** Loads bytes the page holds (a file dropped in browser mode). */
  loadFile(request: LoadFileRequest): Promise<{ rowCount: number }>;
  /**
   * Runs one statement and reads its whole result: for small results (catalog, profiles).
   * `signal` stops this statement only: skipped if it has not started, stopped if it runs.
   */
  run(sql: string, signal?: AbortSignal): Promise<QueryStream>;
  /** Runs one statement for the results grid: the first rows come as soon as they exist. */
  execute(sql: string): Promise<QueryResult>;
  /**
   * How far the statement `execute` runs has got (0..1); null when none runs or the engine cannot
   * tell yet. Absent when the engine never can: duckdb-wasm has no public progress API.
   */
  queryProgress?(): Promise<number | null>;
  /** Stops the running statement, if any; restarts the engine if it does not stop in time. */
  cancel(): Promise<void>;
  /**
   * Called after the engine had to be restarted and lost its tables (a statement that would not
   * stop): the workbench loads them again.
   */
  onRestarted(listener: () => void): () => void;
  catalog(): Promise<CatalogTable[]>;
  /** Writes a relation (a result or a table) to a file on the main side; rejects with ExportCanceledError when `signal` aborts. */
  exportRelation(request: ExportRequest, onProgress: (progress: ExportProgress) => void, signal: AbortSignal): Promise<ExportResult>;
  /**
   * The rows of a table of the engine's memory as an Arrow IPC stream, for the main side to keep
   * (shared/contract/keptTablesApi.ts), or the columns whose values cannot go that way. Only an
   * engine whose tables live in the page has it: the native engine's tables are already kept.
   */
  tableRowsToKeep?(relation: string): Promise<{ body: Blob } | { columns: string; count: number }>;
  /** Names of functions and keywords, for completion and highlighting. */
  vocabulary(): Promise<{ functions: string[]; keywords: string[] }>;
  dispose(): Promise<void>;
}

/** What the user can do about an engine error, offered beside its message: switch to the native engine. */
export type EngineErrorRemedy = 'nativeEngine';

/**
 * An error from the engine, with where DuckDB says it happened (a UTF-8 byte offset into the
 * statement) and what the user can do about it: features tell errors apart by these, never by which
 * engine raised them.
 */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly bytePosition: number | null = null,
    readonly remedy: EngineErrorRemedy | null = null,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** A file the in-app engine cannot take but the native engine can: the user is offered the switch. */
export class NeedsNativeEngine extends EngineError {
  constructor(message: string) {
    super(message, null, 'nativeEngine');
    this.name = 'NeedsNativeEngine';
  }
}

/**
 * A file whose estimated footprint does not fit the in-app engine's budget, refused before any
 * byte is read. `clearly`: far past it (see clearlyTooBigRatio in shared/engine/loadFootprint.ts),
 * so a file opened from the command line or a drop goes to the native engine without asking.
 */
export class TooBigForInApp extends NeedsNativeEngine {
  constructor(
    message: string,
    readonly clearly: boolean,
    /** Said when the app made the choice itself. */
    readonly movedMessage: string,
  ) {
    super(message);
    this.name = 'TooBigForInApp';
  }
}

/** A load the user gave up (Cancel, or a switch to the other engine), not failed. */
export class LoadCanceledError extends Error {
  constructor() {
    super(t('load.canceled'));
    this.name = 'LoadCanceledError';
  }
}

/**
 * The statement was stopped (Cancel, an aborted signal, or DuckDB's interrupt), not failed. Each
 * engine raises it from what it knows (its own abort, DuckDB's INTERRUPT exception type), so that
 * no caller has to guess from a message's words: a Binder error about a column `cancel_reason` is
 * an error.
 */
export class QueryCanceledError extends EngineError {
  constructor(message: string) {
    super(message);
    this.name = 'QueryCanceledError';
  }
}
