/**
 * The notebook engine over the native session the host uses (never a second engine): statements
 * run through `NativeSession`, named results are temporary tables on its query connection, and
 * DuckDB's parser (`json_serialize_sql`) says what a statement reads.
 *
 * Two rules hold here, both read from that parse rather than from the text:
 * - a cell runs only if it is a query (SELECT, WITH, FROM-first…: what `json_serialize_sql`
 *   accepts), so a notebook reads data and never writes, even in the folder it may read;
 * - file paths in the SQL are relative to the notebook's folder.
 */
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { notebookRowsOf } from '../../../shared/notebook/notebookRows';
import { quoteIdentifier, quoteLiteral } from '../../../shared/sql/identifiers';
import { fileLiteralsRead, parseSerializedSql, tableNamesRead, type SerializedSql } from '../../../shared/sql/serializedSql';
import { isAbsoluteOrUrl, withFileLiteralsResolved } from '../../../shared/notebook/notebookPaths';
import { CellCanceled, type NotebookEngine, type NotebookTable, type RunOptions } from '../../../shared/notebook/notebookEngine';
import { HostFailure } from '../hostFailure';
import type { NativeSession } from '../native/nativeSession';

let statementCounter = 0;

export class NativeNotebookEngine implements NotebookEngine {
  /**
   * @param folder The notebook's folder: relative paths in its SQL are read from there. The
   * session must be allowed to read it (the runner lists it among the session's directories).
   * Null for a notebook never saved: its relative paths are left as written.
   */
  constructor(
    private readonly session: NativeSession,
    private readonly folder: string | null,
  ) {}

  readonly namesRead = async (sql: string): Promise<string[]> => tableNamesRead(await this.parse(sql));

  async openedTables(): Promise<string[]> {
    // The datasets are temporary views; notebook results are temporary tables and are not "opened tables".
    return (await this.readText('SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal')).map((row) => row[0] ?? '');
  }

  async query(sql: string, { maxRows, signal }: RunOptions): Promise<NotebookTable> {
    const runnable = await this.prepare(sql);
    return this.interruptible(signal, undefined, async () => {
      const reply = await this.session.execute(runnable);
      try {
        let status = reply.status;
        while (!status.complete && !status.error) {
          if (signal.aborted) await this.session.interrupt();
          status = await this.session.status(reply.resultId, 500);
        }
        if (status.error) throw signal.aborted ? new CellCanceled() : new Error(status.error);
        const first = decodeRows(reply.firstRows, maxRows);
        const rows = first.length < Math.min(maxRows, status.rowCount) ? decodeRows((await this.session.rows(reply.resultId, 0, maxRows)).rows, maxRows) : first;
        return { columns: reply.columns, types: reply.columnTypes, rows, rowCount: status.rowCount };
      } finally {
        await this.session.release(reply.resultId).catch(() => undefined);
      }
    });
  }

  async materialize(name: string, sql: string, { signal }: { signal: AbortSignal }): Promise<void> {
    const runnable = await this.prepare(sql);
    statementCounter += 1;
    const statementId = `notebook-${statementCounter}`;
    await this.interruptible(signal, statementId, () => this.session.readAll(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(name)} AS ${runnable}`, statementId));
  }

  /** The statement as it will run: a query (else a clear refusal), with its file paths resolved. */
  async runnable(sql: string): Promise<string> {
    return this.prepare(sql);
  }

  /**
   * The statement as it will run, and the paths of the files it names as DuckDB's parser found
   * them (relative ones resolved from the notebook's folder; URLs left out): what the in-app
   * engine must be given before it runs the statement.
   */
  async runnableWithFiles(sql: string): Promise<{ sql: string; files: string[] }> {
    const parsed = await this.parse(sql);
    const runnable = await this.prepare(sql, parsed);
    const folder = this.folder;
    const files = fileLiteralsRead(parsed)
      .map((literal) => literal.value)
      .filter((value) => !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value))
      .map((value) => (folder === null || isAbsoluteOrUrl(value) ? value : path.resolve(folder, value)));
    return { sql: runnable, files: [...new Set(files)] };
  }

  private async prepare(sql: string, parsedAlready?: SerializedSql): Promise<string> {
    const parsed = parsedAlready ?? (await this.parse(sql));
    if (parsed.error) {
      // DuckDB's own words for a syntax error; anything that parses but is not a query is refused.
      if (parsed.error_type === 'parser') throw new Error(parsed.error_message ?? 'Parser Error');
      throw new HostFailure(422, 'notebook.onlyQueries');
    }
    if ((parsed.statements?.length ?? 0) !== 1) throw new HostFailure(422, 'notebook.oneStatement');
    const folder = this.folder;
    if (folder === null) return sql;
    return withFileLiteralsResolved(sql, fileLiteralsRead(parsed), (relative) => path.resolve(folder, relative));
  }

  private async parse(sql: string): Promise<SerializedSql> {
    const [row] = await this.readText(`SELECT json_serialize_sql(${quoteLiteral(sql)})`);
    return parseSerializedSql(row?.[0] ?? '{"error":true}');
  }

  private async readText(sql: string): Promise<(string | null)[][]> {
    return decodeRows(await this.session.readAll(sql), Number.MAX_SAFE_INTEGER);
  }

  /** Runs `work`; an abort interrupts the statement (only `statementId` when given) and the cell ends as canceled. */
  private async interruptible<T>(signal: AbortSignal, statementId: string | undefined, work: () => Promise<T>): Promise<T> {
    if (signal.aborted) throw new CellCanceled();
    const onAbort = (): void => void this.session.interrupt(statementId).catch(() => undefined);
    signal.addEventListener('abort', onAbort);
    try {
      return await work();
    } catch (error) {
      throw signal.aborted ? new CellCanceled() : error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

/** Arrow IPC rows as the text DuckDB prints (the grid's own formatter), null for SQL NULL. */
function decodeRows(bytes: Uint8Array, limit: number): (string | null)[][] {
  return notebookRowsOf(tableFromIPC(bytes), limit);
}
