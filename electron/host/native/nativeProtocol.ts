/**
 * Messages between the host and its native DuckDB process: a closed, typed set. Each request has
 * an id; the process answers every request exactly once, with its reply or an error. Rows travel
 * as Arrow IPC stream bytes.
 */
import type { DatasetFormat, HostMessageParams } from '../../../shared/contract/hostApi';
import type { MessageKey } from '../../../shared/i18n/translate';
import type { ResultView } from '../../../shared/sql/resultView';

export interface NativeSettings {
  /** DuckDB's memory_limit, e.g. '8GB'. */
  memoryLimit: string;
  threads: number;
}

/** A dataset the native engine reads in place, as a view named `table`. */
export interface NativeTableSource {
  table: string;
  path: string;
  format: DatasetFormat;
}

export interface ConvertRequest {
  type: 'convert';
  /** The file to read (Parquet or JSON): the only file the conversion may read. */
  source: string;
  format: Extract<DatasetFormat, 'parquet' | 'json'>;
  /** The DuckDB database file to write, holding the data as table `data`. */
  target: string;
  /** Folder for spilling to disk when the data exceeds memory. */
  spillDir: string;
  settings: NativeSettings;
  /** Names the conversion for `convertProgress` and `convertCancel`. */
  conversionId: string;
}

/** A Parquet or JSON file to stream to the in-app engine as Arrow batches (tableStream.ts). */
export interface StreamOpenRequest {
  type: 'streamOpen';
  /** Names the stream for `streamNext` and `streamClose`. */
  streamId: string;
  source: string;
  format: Extract<DatasetFormat, 'parquet' | 'json'>;
  spillDir: string;
  settings: NativeSettings;
}

/** What a stream will carry, before its first batch. */
export interface StreamHeader {
  /** Each column's name and DuckDB type name (as DESCRIBE prints it). */
  columns: { name: string; type: string }[];
  /** From a Parquet footer; null when the file does not say (JSON). */
  rowCount: number | null;
  /** Columns whose type Arrow cannot carry into the in-app engine: when any, the stream is closed at once. */
  uncarried: string[];
}

/** A Parquet file whose footer is read to tell what it will take once loaded (parquetFootprint.ts). */
export interface FootprintRequest {
  type: 'footprint';
  source: string;
  spillDir: string;
  settings: NativeSettings;
}

export interface ConfigureRequest {
  type: 'configure';
  /** The workbench's own database file (tables users create survive restarts there). */
  databaseFile: string;
  spillDir: string;
  /** App folders DuckDB may read and write besides the opened files (export staging); the statement gate keeps user SQL from writing there. */
  appDirectories: string[];
  settings: NativeSettings;
  tables: NativeTableSource[];
}

/** The first rows of a statement's result and where the rest will be. */
export interface ExecuteReply {
  resultId: number;
  columns: string[];
  columnTypes: string[];
  /** The stored result as SQL FROM can take, with the statement's column names (for profiles and exports). */
  relation: string;
  firstRows: Uint8Array;
  status: ResultStatus;
}

export interface ResultStatus {
  /** Rows that can be fetched so far. */
  rowCount: number;
  complete: boolean;
  /** Why the rest of the result could not be kept (interrupted, out of memory…). */
  error: string | null;
}

export interface RowsReply {
  rows: Uint8Array;
  status: ResultStatus;
}

export interface ExportRequest {
  type: 'export';
  /** Names the export for `exportProgress` and `exportCancel`. */
  exportId: string;
  /** A relation: a result's table, or any FROM-able SQL. */
  relation: string;
  format: 'csv' | 'parquet' | 'json' | 'arrow';
  /** Where to write, inside the export staging folder. */
  target: string;
  /**
   * An Arrow IPC file uploaded by the in-app engine, imported into the table `data` of a
   * short-lived locked-down instance of its own, to read the relation from. Null reads from the
   * workbench's database.
   */
  upload: { file: string; spillDir: string; settings: NativeSettings } | null;
}

/** Each request type, and what its reply holds. */
export interface NativeCalls {
  convert: { request: ConvertRequest; reply: { rowCount: number } };
  /** Answered at once, past the statement queue: how far a conversion has got (0..1), null when unknown. */
  convertProgress: { request: { type: 'convertProgress'; conversionId: string }; reply: { fraction: number | null } };
  /** Stops a conversion, running or still queued; answered at once. */
  convertCancel: { request: { type: 'convertCancel'; conversionId: string }; reply: Record<string, never> };
  footprint: { request: FootprintRequest; reply: { uncompressedBytes: number; rowCount: number } };
  streamOpen: { request: StreamOpenRequest; reply: StreamHeader };
  /** The next rows as a complete Arrow IPC stream, in pieces to send in order; null once all have gone (the stream is closed then). */
  streamNext: { request: { type: 'streamNext'; streamId: string }; reply: { batch: Uint8Array[] | null; rows: number } };
  /** Stops a stream (answered at once, past any read under way, which it interrupts). */
  streamClose: { request: { type: 'streamClose'; streamId: string }; reply: Record<string, never> };
  /** `setAside`: workbench database files that were not valid and were renamed (see workbenchFile.ts). */
  configure: {
    request: ConfigureRequest;
    reply: { reopened: boolean; failures: { table: string; message: string }[]; setAside: { file: string; reason: string }[] };
  };
  execute: { request: { type: 'execute'; sql: string; firstRows: number }; reply: ExecuteReply };
  /** `waitMs`: answer as soon as the result is complete, or after this long (a long poll). */
  status: { request: { type: 'status'; resultId: number; waitMs: number }; reply: ResultStatus };
  rows: { request: { type: 'rows'; resultId: number; offset: number; limit: number }; reply: RowsReply };
  view: { request: { type: 'view'; resultId: number; view: ResultView }; reply: { resultId: number; relation: string; status: ResultStatus } };
  release: { request: { type: 'release'; resultId: number }; reply: Record<string, never> };
  /** `statementId`: names the statement, so that an interrupt can stop it (and nothing else). */
  readAll: { request: { type: 'readAll'; sql: string; statementId?: string }; reply: { rows: Uint8Array } };
  /** Stops the running statement; with `statementId`, only that one, running or still queued. */
  interrupt: { request: { type: 'interrupt'; statementId?: string }; reply: { interrupted: boolean } };
  /**
   * Answered at once, past the statement queue (as `interrupt` is): how far the page's running
   * statement (`execute`) has got, DuckDB's progress as 0..1; null when none runs or DuckDB cannot tell.
   */
  queryProgress: { request: { type: 'queryProgress' }; reply: { fraction: number | null } };
  export: { request: ExportRequest; reply: { rowCount: number } };
  /** Answered at once, past the statement queue: how far a running export has got (0..1), null when unknown. */
  exportProgress: { request: { type: 'exportProgress'; exportId: string }; reply: { fraction: number | null } };
  /** Stops an export, running or still queued; answered at once. */
  exportCancel: { request: { type: 'exportCancel'; exportId: string }; reply: Record<string, never> };
}

export type NativeCallType = keyof NativeCalls;
export type NativeRequest = { [K in NativeCallType]: NativeCalls[K]['request'] & { id: number } }[NativeCallType];
/**
 * A failure carries DuckDB's text, or (`key`, `params`) when the process itself explains it;
 * `refused` when the statement gate refused the statement.
 */
export type NativeResponse =
  | { id: number; ok: true; reply: unknown }
  | { id: number; ok: false; message: string; key?: MessageKey; params?: HostMessageParams; refused?: boolean };
/**
 * Sent by the process while it answers a `configure` request: the dataset it is about to set up.
 * If the process dies before its reply, this names the dataset whose set-up killed it.
 */
export interface NativeSetupNotice {
  id: number;
  settingUp: string;
}
export type NativeMessage = NativeResponse | NativeSetupNotice;

/** Name of the table inside a converted database file. */
export const convertedTableName = 'data';
