/**
 * A second connection for whole, short reads (the catalog, completion words, column profiles)
 * while the user's statement holds the first one. Without it, `SELECT * FROM range(1e12)` kept
 * every other native read waiting until Cancel: the catalog, the editor's completion and profiles
 * all froze.
 *
 * The lane sees what the first connection sees, except its TEMP objects: dataset views are made
 * on both (see NativeDatabase.syncViews), and results, imports and attached files live in
 * databases both connections share. So reads go to the lane only while the first connection is
 * busy; when it is free they run there as before, and a TEMP table the user made is never missed.
 *
 * Named reads (a profile's) can be interrupted here as on the first connection: a queued one is
 * skipped, a running one stopped, nothing else touched.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { encodeArrowIpc } from './arrowEncoding';
import { SerialQueue } from './serialQueue';
import { readChunks } from './storedResults';

/** DuckDB's own words for a stopped statement. */
export const interruptedMessage = 'INTERRUPT Error: Interrupted!';

/** A statement's whole result as Arrow IPC; an interrupt that ended the stream early fails it. */
export async function readWhole(connection: DuckDBConnection, sql: string, interrupted: () => boolean): Promise<Uint8Array> {
  const result = await connection.stream(sql);
  const chunks = await readChunks(result);
  // A stream stopped by an interrupt just ends: what it gave is not the whole result.
  if (interrupted()) throw new Error(interruptedMessage);
  const types = result.columnTypes();
  return encodeArrowIpc(result.columnNames().map((name, i) => ({ name, type: types[i]! })), chunks);
}

export class ReadLane {
  private readonly queue = new SerialQueue();
  private runningId: string | null = null;
  /** Named reads waiting their turn, with how to fail them at once when they are given up. */
  private readonly queuedIds = new Map<string, (error: Error) => void>();
  private readonly canceledIds = new Set<string>();
  private interruptRequested = false;
  /** An interrupt that may have landed after its statement ended, and would stop the next one. */
  private staleInterrupt = false;

  constructor(readonly connection: DuckDBConnection) {}

  /** `admit` checks the statement in its turn, named, so that an interrupt stops it there too. */
  read(sql: string, statementId?: string, admit: () => Promise<void> = async () => undefined): Promise<Uint8Array> {
    if (!statementId) return this.run(sql, undefined, admit);
    // A named read given up while it waits fails at once (its turn, when it comes, is skipped).
    return new Promise<Uint8Array>((resolve, reject) => {
      this.queuedIds.set(statementId, reject);
      this.run(sql, statementId, admit).then(resolve, reject);
    });
  }

  private run(sql: string, statementId: string | undefined, admit: () => Promise<void>): Promise<Uint8Array> {
    return this.queue.run(async () => {
      if (statementId) {
        this.queuedIds.delete(statementId);
        if (this.canceledIds.delete(statementId)) throw new Error(interruptedMessage);
      }
      if (this.staleInterrupt) {
        this.staleInterrupt = false;
        await this.connection.run('SELECT 1').catch(() => undefined);
      }
      this.interruptRequested = false;
      this.runningId = statementId ?? null;
      try {
        await admit();
        if (this.interruptRequested) throw new Error(interruptedMessage);
        return await readWhole(this.connection, sql, () => this.interruptRequested);
      } finally {
        this.runningId = null;
      }
    });
  }

  /** Stops the named statement if it runs or waits here; false when it is not the lane's. */
  interrupt(statementId: string): boolean {
    if (this.runningId === statementId) {
      this.interruptRequested = true;
      this.staleInterrupt = true;
      this.connection.interrupt();
      return true;
    }
    const giveUp = this.queuedIds.get(statementId);
    if (!giveUp) return false;
    this.queuedIds.delete(statementId);
    this.canceledIds.add(statementId);
    giveUp(new Error(interruptedMessage));
    return true;
  }
}
