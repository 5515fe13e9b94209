import { tableFromIPC, type Table } from 'apache-arrow';
import type { Dataset } from '../../../../shared/contract/hostApi';
import { contextErrorOffset, utf8ByteOffset } from '../../../../shared/sql/errorPosition';
import { duckdbExceptionType, isInterruptType } from '../../../../shared/sql/duckdbErrors';
import { isPlainView, type ResultView } from '../../../../shared/sql/resultView';
import { hostClient, type NativeResultStatus } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { catalogFromRows, catalogSql, functionNamesSql, keywordsSql, textsOf } from '../catalogQueries';
import { EngineError, QueryCanceledError, type CatalogTable, type Engine, type QueryStream } from '../engine';
import { unopenedFileError } from '../unopenedFile';
import type { QueryResult } from '../results/resultRows';
import { WindowedRows } from '../results/windowedRows';
import type { ExportProgress, ExportRequest, ExportResult } from '../exportJob';
import { exportOnNative } from './nativeExport';

/** How long each status request waits for the result to complete; its row count updates this often. */
const statusWaitMs = 250;

/**
 * Native DuckDB on the main side, reached through the host: multi-core, reads files in place and
 * spills to disk, so it handles data larger than memory. Results stay on the main side; the grid
 * fetches the windows it shows.
 */
export class NativeEngine implements Engine {
  readonly kind = 'native' as const;
  readonly labelKey = 'engine.label.native' as const;
  readonly ready: Promise<void>;

  constructor() {
    this.ready = hostClient.native.start().then(() => undefined, (error: unknown) => Promise.reject(engineErrorOf(error)));
    this.ready.catch(() => undefined);
  }

  async loadDataset(dataset: Dataset, table: string): Promise<{ rowCount: null }> {
    // Read in place: nothing is copied, so there is no progress to show and no size limit.
    await hostClient.native.addTable(dataset.id, table).catch((error: unknown) => Promise.reject(engineErrorOf(error)));
    return { rowCount: null };
  }

  async closeDataset(table: string): Promise<void> {
    await hostClient.native.removeTable(table).catch((error: unknown) => Promise.reject(engineErrorOf(error)));
  }

  /** Dropped bytes never fit: this engine reads files where they are, by path. Said before anything is queued or retried. */
  async refuseFile(fileName: string): Promise<EngineError> {
    return new EngineError(t('error.fileLoad', { file: fileName, message: t('engine.nativeNeedsPath') }));
  }

  loadBudgetBytes(): Promise<null> {
    return Promise.resolve(null);
  }

  loadFile(): Promise<{ rowCount: number }> {
    return Promise.reject(new EngineError(t('engine.nativeNeedsPath')));
  }

  async run(sql: string, signal?: AbortSignal): Promise<QueryStream> {
    if (signal?.aborted) throw new QueryCanceledError(t('results.canceled'));
    // A named statement, so that aborting stops it and not whatever else the engine is running.
    const statementId = signal ? crypto.randomUUID() : undefined;
    const stop = (): void => void hostClient.native.interrupt(statementId).catch(() => undefined);
    signal?.addEventListener('abort', stop, { once: true });
    let table: Table;
    try {
      table = await this.read(sql, statementId);
    } finally {
      signal?.removeEventListener('abort', stop);
    }
    return {
      columnTypes: null,
      async *[Symbol.asyncIterator]() {
        yield* table.batches;
      },
    };
  }

  async execute(sql: string): Promise<QueryResult> {
    const reply = await hostClient.native.execute(sql).catch((error: unknown) => Promise.reject(engineErrorOf(error, sql)));
    return new NativeResult(reply.resultId, tableFromIPC(reply.firstRows), reply.status, reply.relation);
  }

  queryProgress(): Promise<number | null> {
    return hostClient.native.progress();
  }

  async cancel(): Promise<void> {
    await hostClient.native.interrupt().catch(() => undefined);
  }

  onRestarted(): () => void {
    // The host sets the native process up again with every dataset after a crash; nothing to reload here.
    return () => undefined;
  }

  async catalog(): Promise<CatalogTable[]> {
    // Its views of opened files are temporary views (electron/host/native/nativeDatabase.ts, syncViews).
    return catalogFromRows(await this.read(catalogSql), { fileViews: 'temporaryViews' });
  }

  exportRelation(request: ExportRequest, onProgress: (progress: ExportProgress) => void, signal: AbortSignal): Promise<ExportResult> {
    return exportOnNative(request, onProgress, signal);
  }

  async vocabulary(): Promise<{ functions: string[]; keywords: string[] }> {
    return { functions: textsOf(await this.read(functionNamesSql)), keywords: textsOf(await this.read(keywordsSql)) };
  }

  async dispose(): Promise<void> {
    // The process belongs to the host; it outlives this page.
  }

  private async read(sql: string, statementId?: string): Promise<Table> {
    try {
      return tableFromIPC(await hostClient.native.read(sql, statementId));
    } catch (error) {
      throw engineErrorOf(error, sql);
    }
  }
}

/** A result stored on the main side, fetched a window at a time. */
class NativeResult implements QueryResult {
  readonly rows: WindowedRows;
  readonly finished: Promise<void>;

  constructor(
    private readonly id: number,
    first: Table,
    status: NativeResultStatus,
    readonly relation: string,
  ) {
    this.rows = new WindowedRows(first, status.rowCount, status.complete, (offset, limit) =>
      hostClient.native.rows(id, offset, limit).then(({ bytes, status: latest }) => {
        this.rows.update(latest.rowCount, latest.complete);
        return tableFromIPC(bytes);
      }),
    );
    this.finished = status.complete ? settled(status) : this.follow();
  }

  async withView(view: ResultView): Promise<QueryResult> {
    if (isPlainView(view)) return this;
    const derived = await hostClient.native.view(this.id, view).catch((error: unknown) => Promise.reject(engineErrorOf(error)));
    const first = await hostClient.native.rows(derived.resultId, 0, 2_048);
    // Its own relation: exports and profiles read the rows as the grid shows them.
    return new NativeResult(derived.resultId, tableFromIPC(first.bytes), derived.status, derived.relation);
  }

  release(): void {
    void hostClient.native.release(this.id).catch(() => undefined);
  }

  /** Follows the result as the main side stores it, until it is complete. */
  private async follow(): Promise<void> {
    for (;;) {
      const status = await hostClient.native.status(this.id, statusWaitMs).catch((error: unknown) => Promise.reject(engineErrorOf(error)));
      this.rows.update(status.rowCount, status.complete);
      if (status.complete) return settled(status);
    }
  }
}

function settled(status: NativeResultStatus): Promise<void> {
  return status.error === null ? Promise.resolve() : Promise.reject(engineErrorOf(status.error));
}

/**
 * The host passes DuckDB's message through; the user reads it as the engine's. DuckDB's exception
 * type heads it: an INTERRUPT is a cancel, and other errors may point into the statement.
 */
function engineErrorOf(error: unknown, sql?: string): EngineError {
  if (error instanceof EngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (isInterruptType(duckdbExceptionType(message))) return new QueryCanceledError(message);
  const offset = sql === undefined ? null : contextErrorOffset(sql, message);
  const position = sql === undefined || offset === null ? null : utf8ByteOffset(sql, offset);
  return unopenedFileError(message, position) ?? new EngineError(message, position);
}
