import os from 'node:os';
import type { OpenDataset } from '../datasets/datasetRegistry';
import { HostFailure } from '../hostFailure';
import type { ResultView } from '../../../shared/sql/resultView';
import type { NativeCalls, NativeSettings, NativeTableSource } from './nativeProtocol';
import { NativeCallError, type NativeWorker } from './nativeWorker';

export interface NativeSessionPaths {
  /** The workbench's own DuckDB file: tables users create there survive restarts. */
  databaseFile: string;
  spillDir: string;
  /** App folders the engine may read (samples) and write (export staging). */
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
  private settings = defaultNativeSettings();
  private configured: Promise<void> | null = null;

  constructor(
    private readonly worker: NativeWorker,
    private readonly paths: NativeSessionPaths,
  ) {
    worker.onStop(() => (this.configured = null));
  }

  /** Makes a dataset readable as `table`, in place. */
  async addTable(table: string, { dataset, realPath }: OpenDataset): Promise<void> {
    this.tables.set(table, { table, path: realPath, format: dataset.format });
    const { failures } = await this.reconfigure();
    const failure = failures.find((f) => f.table === table);
    if (failure) {
      this.tables.delete(table);
      await this.reconfigure();
      throw new HostFailure(422, 'error.nativeRead', { file: dataset.fileName, message: failure.message });
    }
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
      return await this.worker.call('configure', {
        ...this.paths,
        settings: this.settings,
        tables: [...this.tables.values()],
      });
    } catch (error) {
      throw asHostFailure(error);
    }
  }
}

/** DuckDB's own message is what the user needs (it names the table, column or syntax at fault). */
function asHostFailure(error: unknown): HostFailure {
  if (error instanceof HostFailure) return error;
  if (error instanceof NativeCallError && error.coded) return new HostFailure(error.processStopped ? 500 : 422, error.coded.key, error.coded.params);
  const message = error instanceof Error ? error.message : String(error);
  return new HostFailure(error instanceof NativeCallError && error.processStopped ? 500 : 422, 'error.nativeQuery', { message });
}
