import os from 'node:os';
import type { OpenDataset } from '../datasets/datasetRegistry';
import { HostFailure } from '../hostFailure';
import type { ResultView } from '../../../shared/sql/resultView';
import type { NativeCalls, NativeSettings, NativeTableSource } from './nativeProtocol';
import { NativeCallError, type NativeWorker } from './nativeWorker';
import { guardJsonNesting } from '../datasets/jsonNestingGuard';

export interface NativeSessionPaths {
  /** The workbench's own DuckDB file: tables users create there survive restarts. */
  databaseFile: string;
  spillDir: string;
  /** App folders the engine may read and write (export staging): never the install folder. */
  appDirectories: string[];
}

/** Rows sent with a statement's first reply, before the rest is stored. */
const firstRows = 2_048;

/** DuckDB's defaults leave little for the app and the OS; these leave room for both. */
export function defaultNativeSettings(): NativeSettings {
  return { memoryLimit: `${Math.max(512, Math.floor((os.totalmem() * 0.6) / 2 ** 20))}MiB`, threads: os.availableParallelism() };
}

/**
 * The native engine as the host keeps it: the datasets it reads (as views, by table name) and its
 * settings. The process can die at any time; the next call sets it up again from this state, so
 * no registered dataset is ever lost (stored results are: they lived in the dead process).
 */
export class NativeSession {
  private readonly tables = new Map<string, NativeTableSource>();
  /** The user's file name of each table, for messages. */
  private readonly fileNames = new Map<string, string>();
  /** Folders SQL may read besides the app's: open notebooks' folders (their relative paths point there). */
  private readonly folders = new Set<string>();
  private settings = defaultNativeSettings();
  private configured: Promise<void> | null = null;
  private readonly setAsideListeners = new Set<(entry: { file: string; reason: string }) => void>();

  constructor(
    private readonly worker: NativeWorker,
    private readonly paths: NativeSessionPaths,
  ) {
    worker.onStop(() => (this.configured = null));
  }

  /** Makes a dataset readable as `table`, in place. */
  async addTable(table: string, { dataset, realPath }: OpenDataset): Promise<void> {
    if (dataset.format === 'json') await guardJsonNesting(realPath, dataset.fileName);
    this.tables.set(table, { table, path: realPath, format: dataset.format });
    this.fileNames.set(table, dataset.fileName);
    let failures: { table: string; message: string }[];
    try {
      ({ failures } = await this.reconfigure());
    } catch (error) {
      // Never left registered after a failed set-up: the next call would set it up again (and crash again).
      this.forget(table);
      throw error;
    }
    const failure = failures.find((f) => f.table === table);
    if (failure) {
      this.forget(table);
      await this.reconfigure();
      throw new HostFailure(422, 'error.nativeRead', { file: dataset.fileName, message: failure.message });
    }
  }

  /**
   * Stops making `table` readable: its view goes (and its file from what SQL may read). Only the
   * datasets' own views: a name the session did not make is left alone, whatever holds it.
   */
  async removeTable(table: string): Promise<void> {
    if (!this.tables.has(table)) return;
    this.forget(table);
    if (this.worker.running) await this.reconfigure();
  }

  /** Lets SQL read inside `folder` (a real path) from now on: a notebook's folder. */
  async allowFolder(folder: string): Promise<void> {
    if (this.folders.has(folder)) return;
    this.folders.add(folder);
    if (this.worker.running) await this.reconfigure();
  }

  async setSettings(settings: NativeSettings): Promise<void> {
    this.settings = settings;
    if (this.worker.running) await this.reconfigure();
  }

  get currentSettings(): NativeSettings {
    return this.settings;
  }

  execute(sql: string): Promise<NativeCalls['execute']['reply']> {
    return this.call('execute', { sql, firstRows });
  }

  readAll(sql: string, statementId?: string): Promise<Uint8Array> {
    return this.call('readAll', { sql, ...(statementId ? { statementId } : {}) }).then((reply) => reply.rows);
  }

  status(resultId: number, waitMs = 0): Promise<NativeCalls['status']['reply']> {
    return this.call('status', { resultId, waitMs });
  }

  rows(resultId: number, offset: number, limit: number): Promise<NativeCalls['rows']['reply']> {
    return this.call('rows', { resultId, offset, limit });
  }

  view(resultId: number, view: ResultView): Promise<NativeCalls['view']['reply']> {
    return this.call('view', { resultId, view });
  }

  async release(resultId: number): Promise<void> {
    await this.call('release', { resultId });
  }

  /** Stops the running statement (or only `statementId`). Sent straight to the process, past any setup. */
  async interrupt(statementId?: string): Promise<boolean> {
    if (!this.worker.running) return false;
    return (await this.worker.call('interrupt', statementId ? { statementId } : {})).interrupted;
  }

  /** How far the page's running statement has got (0..1); asked straight of the process, past the statement queue. */
  async queryProgress(): Promise<number | null> {
    if (!this.worker.running) return null;
    return (await this.worker.call('queryProgress', {})).fraction;
  }

  exportTo(request: Omit<NativeCalls['export']['request'], 'type'>): Promise<{ rowCount: number }> {
    return this.call('export', request);
  }

  /** How far an export has got; asked straight of the process, past the statement queue. */
  async exportProgress(exportId: string): Promise<number | null> {
    if (!this.worker.running) return null;
    return (await this.worker.call('exportProgress', { exportId })).fraction;
  }

  /** Stops an export, running or queued. */
  async exportCancel(exportId: string): Promise<void> {
    if (this.worker.running) await this.worker.call('exportCancel', { exportId });
  }

  /** Called when a workbench database file could not be opened and was set aside (the user must be told). */
  onWorkbenchSetAside(listener: (entry: { file: string; reason: string }) => void): void {
    this.setAsideListeners.add(listener);
  }

  /** Makes sure the process runs and is set up; used before every call. */
  async ready(): Promise<void> {
    await (this.configured ?? this.reconfigure());
  }

  private async call<K extends keyof NativeCalls>(type: K, request: Omit<NativeCalls[K]['request'], 'type'>): Promise<NativeCalls[K]['reply']> {
    await this.ready();
    try {
      return await this.worker.call(type, request);
    } catch (error) {
      throw asHostFailure(error);
    }
  }

  private forget(table: string): void {
    this.tables.delete(table);
    this.fileNames.delete(table);
  }

  /** Sends the setup now; until it is done (or fails), calls wait for it. */
  private reconfigure(): Promise<NativeCalls['configure']['reply']> {
    const sent = this.send();
    const configured = sent.then(
      () => undefined,
      (error: unknown) => {
        if (this.configured === configured) this.configured = null;
        throw error;
      },
    );
    configured.catch(() => undefined);
    this.configured = configured;
    return sent;
  }

  private async send(): Promise<NativeCalls['configure']['reply']> {
    try {
      const reply = await this.worker.call('configure', {
        ...this.paths,
        appDirectories: [...this.paths.appDirectories, ...this.folders],
        settings: this.settings,
        tables: [...this.tables.values()],
      });
      for (const entry of reply.setAside) for (const listener of this.setAsideListeners) listener(entry);
      return reply;
    } catch (error) {
      throw this.quarantined(error) ?? asHostFailure(error);
    }
  }

  /**
   * A dataset whose set-up killed the process is dropped from the session, and the failure names
   * its file. Set up again automatically, it would crash every later call; the user may open it
   * again, which is a retry they chose.
   */
  private quarantined(error: unknown): HostFailure | null {
    const table = error instanceof NativeCallError ? error.stop?.settingUp : null;
    if (!table || !this.tables.has(table)) return null;
    const file = this.fileNames.get(table) ?? table;
    this.forget(table);
    return new HostFailure(422, 'error.datasetQuarantined', { file, reason: (error as NativeCallError).stop!.reason });
  }
}

/** DuckDB's own message is what the user needs (it names the table, column or syntax at fault). */
function asHostFailure(error: unknown): HostFailure {
  if (error instanceof HostFailure) return error;
  if (error instanceof NativeCallError && error.coded) {
    return new HostFailure(error.coded.refused ? 403 : error.processStopped ? 500 : 422, error.coded.key, error.coded.params);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new HostFailure(error instanceof NativeCallError && error.processStopped ? 500 : 422, 'error.nativeQuery', { message });
}
