import type { RecordBatch } from 'apache-arrow';
import type { MessageKey } from '../../../shared/i18n/translate';

export interface CatalogColumn {
  name: string;
  type: string;
}

export interface CatalogTable {
  name: string;
  kind: 'table' | 'view';
  columns: CatalogColumn[];
}

/**
 * What the engine can load: delimited text, Arrow IPC, or a DuckDB database file holding a table
 * named `data` (how Parquet and JSON arrive, read by native DuckDB on the main side).
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

/** Arrow batches of one statement's result, as they are computed. */
export interface QueryStream extends AsyncIterable<RecordBatch> {
  /** DuckDB's type names of the result columns, when the engine can tell them. */
  readonly columnTypes: readonly string[] | null;
}

/**
 * A SQL engine as the workbench sees it. The WebAssembly engine implements it in the renderer; a
 * native engine on the main side will implement it too, and no feature may depend on which.
 */
export interface Engine {
  /** The engine's name for the status bar. */
  readonly labelKey: MessageKey;
  /** Settles when the engine accepts queries; rejects with a message for the user. */
  readonly ready: Promise<void>;
  loadFile(request: LoadFileRequest): Promise<{ rowCount: number }>;
  /** Starts one statement. Only one statement runs at a time. */
  run(sql: string): Promise<QueryStream>;
  /** Stops the running statement, if any; restarts the engine if it does not stop in time. */
  cancel(): Promise<void>;
  /**
   * Called after the engine had to be restarted and lost its tables (a statement that would not
   * stop, a crash): the workbench loads them again.
   */
  onRestarted(listener: () => void): () => void;
  catalog(): Promise<CatalogTable[]>;
  /** Names of functions and keywords, for completion and highlighting. */
  vocabulary(): Promise<{ functions: string[]; keywords: string[] }>;
  dispose(): Promise<void>;
}

/** An error from the engine, with where DuckDB says it happened: a UTF-8 byte offset into the statement. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly bytePosition: number | null = null,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
