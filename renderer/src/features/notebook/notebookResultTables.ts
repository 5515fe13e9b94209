/**
 * The temporary tables a notebook's named cells made on the page's engine. The notebook owns them:
 * their names are not "opened" tables a cell's name collides with, and when the notebook lets go
 * of the engine (it is closed, or the page switches engine) they are dropped, so that opening the
 * notebook again finds its names free. Left behind, they made the reopened notebook refuse its
 * own names, and showed in the catalog as tables the user had made.
 *
 * Each table is known by the oid DuckDB gave it when the notebook made it: a table of the same
 * name that the user made outside the notebook (in the main schema, or a temporary one put in
 * place of the notebook's) has another oid, and is never dropped. Nor is a result the user kept
 * (Keep in the catalog writes it to a file the workspace reopens): it is the user's table from
 * then on, and dropped it would be gone from the session until a reload brought it back.
 */
import type { RecordBatch } from 'apache-arrow';
import { CellCanceled } from '../../../../shared/notebook/notebookEngine';
import { quoteIdentifier, tableNameKey } from '../../../../shared/sql/identifiers';

/** What this needs of the page's `Engine` (engine/engine.ts): a statement run, its result read whole. */
export interface StatementRunner {
  run(sql: string, signal?: AbortSignal): Promise<AsyncIterable<RecordBatch>>;
}

/** Names compare as DuckDB compares them: case-insensitively. */
const nameKey = tableNameKey;

/** Every temporary table of the engine's session: its name, and its oid (as text: a BIGINT comes as a bigint). */
const temporaryTablesSql = 'SELECT table_name, table_oid::VARCHAR FROM duckdb_tables() WHERE temporary';

export class NotebookResultTables {
  /** The names the notebook stored a result under, with the oid of the table it made (null until made). */
  private readonly made = new Map<string, { name: string; oid: string | null }>();
  /** Results being stored: they are waited for before anything is dropped. */
  private readonly making = new Set<Promise<unknown>>();
  private released = false;

  constructor(private readonly engine: StatementRunner) {}

  /** Whether `name` is one of this notebook's results (made, or being made), not a table opened elsewhere. */
  owns(name: string): boolean {
    return this.made.has(nameKey(name));
  }

  /**
   * Stores the result of `query` (a statement as it runs) as the temporary table `name`, replacing
   * the notebook's earlier one. Once the tables were dropped, the cell ends as canceled: nothing
   * made then would ever be dropped.
   */
  async make(name: string, query: string, signal: AbortSignal): Promise<void> {
    if (this.released) throw new CellCanceled();
    // Claimed before the table exists: a graph read meanwhile must not call the name taken.
    if (!this.made.has(nameKey(name))) this.made.set(nameKey(name), { name, oid: null });
    const making = this.createAndRecord(name, query, signal);
    this.making.add(making);
    try {
      await making;
    } finally {
      this.making.delete(making);
    }
  }

  /**
   * Drops every table the notebook made that is still the one it made, except those `kept`
   * names (the user's now), once the results being stored are. From then on nothing is made (see `make`).
   */
  async dropAll(kept: (table: string) => boolean = () => false): Promise<void> {
    this.released = true;
    await Promise.allSettled([...this.making]);
    const oids = new Set([...this.made.values()].map((table) => table.oid).filter((oid) => oid !== null));
    this.made.clear();
    if (oids.size === 0) return;
    for (const [name, oid] of await this.temporaryTables()) {
      if (!oids.has(oid) || kept(name)) continue;
      await drain(await this.engine.run(`DROP TABLE IF EXISTS temp.main.${quoteIdentifier(name)}`));
    }
  }

  private async createAndRecord(name: string, query: string, signal: AbortSignal): Promise<void> {
    await drain(await this.engine.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(name)} AS ${query}`, signal));
    // Read without the signal: a table made is recorded even when the cell is canceled right after.
    const oid = (await this.temporaryTables()).find(([tableName]) => nameKey(tableName) === nameKey(name))?.[1] ?? null;
    this.made.set(nameKey(name), { name, oid });
  }

  /** [name, oid] of every temporary table of the engine's session. */
  private async temporaryTables(): Promise<[string, string][]> {
    const tables: [string, string][] = [];
    for await (const batch of await this.engine.run(temporaryTablesSql)) {
      const names = batch.getChildAt(0);
      const oids = batch.getChildAt(1);
      for (let row = 0; row < batch.numRows; row++) tables.push([String(names?.get(row)), String(oids?.get(row))]);
    }
    return tables;
  }
}

/** Reads a statement's result to its end (a CREATE or DROP returns a count nobody needs). */
async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const batch of stream) void batch;
}
