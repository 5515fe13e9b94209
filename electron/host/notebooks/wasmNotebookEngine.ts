/**
 * The notebook engine over the in-app engine (duckdb-wasm) on Node, for `run --engine wasm`. The
 * work is divided as the page divides it on the in-app engine (renderer/src/features/notebook/
 * pageNotebookEngine.ts): DuckDB's parser on the native side says what a statement reads and how it
 * runs (a query, its paths resolved from the notebook's folder; the in-app engine has no json
 * extension, so no `json_serialize_sql`), and duckdb-wasm runs it.
 *
 * The in-app engine reads only files it was given. Each file a statement names, inside the
 * notebook's folder (what the native lockdown lets a notebook read), is given to it as the page
 * gives a file: its bytes, registered under its path. What is not given, DuckDB reports as not
 * found. Glob patterns (`data/*.csv`) are not expanded: the engine finds no file for them.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { missingExtensionWords, readDuckdbWasmError } from '../../../shared/engine/inAppErrors';
import { labelMapBooleans, mayHideMapBooleans, readableTable } from '../../../shared/engine/wasmArrow';
import { typeNamesSql } from '../../../shared/sql/duckdbTypeTree';
import type { Translate } from '../../../shared/i18n/translate';
import { CellCanceled, type NotebookEngine, type NotebookTable, type RunOptions } from '../../../shared/notebook/notebookEngine';
import { notebookRowsOf } from '../../../shared/notebook/notebookRows';
import { quoteIdentifier } from '../../../shared/sql/identifiers';
import { statementAsRelation } from '../../../shared/sql/resultView';
import { duckdbTypeName } from '../../../shared/values/cellFormat';
import { ExtensionStatementRefused, type NodeWasmDuckdb } from '../wasm/nodeWasmDuckdb';
import type { NativeNotebookEngine } from './nativeNotebookEngine';

export class WasmNotebookEngine implements NotebookEngine {
  /** Files already given to the engine, by the path the SQL names them with. */
  private readonly given = new Set<string>();

  /**
   * @param parser The native notebook engine of the same folder: only its parser is used.
   * @param folder The notebook's folder (a real path): the only files given to the engine are inside it.
   * @param t Errors the app words itself (a missing extension) are told in the user's language.
   */
  constructor(
    private readonly wasm: NodeWasmDuckdb,
    private readonly parser: NativeNotebookEngine,
    private readonly folder: string,
    private readonly t: Translate,
  ) {}

  readonly namesRead = (sql: string): Promise<string[]> => this.parser.namesRead(sql);

  async openedTables(): Promise<string[]> {
    // The runner opens no table; notebook results are temporary tables, not "opened" ones.
    const table = tableFromIPC(this.wasm.queryIpc('SELECT table_name FROM duckdb_tables() WHERE NOT temporary'));
    return notebookRowsOf(table, Number.MAX_SAFE_INTEGER).map((row) => row[0] ?? '');
  }

  async query(sql: string, { maxRows, signal }: RunOptions): Promise<NotebookTable> {
    const runnable = await this.prepare(sql);
    // The blocking build runs a statement to its end: a cell is canceled before it starts, or not at all.
    if (signal.aborted) throw new CellCanceled();
    // Read from IPC with the app's own apache-arrow, as the page's engine reads every result.
    const sent = tableFromIPC(this.inAppWords(() => this.wasm.queryIpc(runnable)));
    const table = readableTable(sent, mayHideMapBooleans(sent.schema) ? labelMapBooleans(sent.schema, this.typeNames(runnable)) : sent.schema);
    return {
      columns: table.schema.fields.map((field) => field.name),
      // Named from the Arrow schema, as the page names a notebook result's columns on this engine.
      types: table.schema.fields.map((field) => duckdbTypeName(field.type, field.metadata)),
      rows: notebookRowsOf(table, maxRows),
      rowCount: table.numRows,
    };
  }

  async materialize(name: string, sql: string, { signal }: { signal: AbortSignal }): Promise<void> {
    const runnable = await this.prepare(sql);
    if (signal.aborted) throw new CellCanceled();
    this.inAppWords(() => this.wasm.query(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(name)} AS ${runnable}`));
  }

  /** DuckDB's type name of each column of `statement`'s result; none when it cannot be described. */
  private typeNames(statement: string): string[] {
    try {
      const described = tableFromIPC(this.wasm.queryIpc(typeNamesSql(statementAsRelation(statement))));
      return Array.from({ length: described.numRows }, (_, row) => String(described.getChild('column_type')!.get(row)));
    } catch {
      return [];
    }
  }

  private async prepare(sql: string): Promise<string> {
    const { sql: runnable, files } = await this.parser.runnableWithFiles(sql);
    for (const file of files) await this.give(file);
    return runnable;
  }

  /** Registers `file` with the engine when it is a regular file inside the notebook's folder. */
  private async give(file: string): Promise<void> {
    if (this.given.has(file) || /[*?[]/.test(file)) return;
    const real = await realpath(file).catch(() => null);
    if (real === null || !isInside(this.folder, real)) return;
    if (!(await stat(real)).isFile()) return;
    this.wasm.registerFile(file, new Uint8Array(await readFile(real)));
    this.given.add(file);
  }

  /** Runs `work`; its error is DuckDB's message, or the app's words where the app has its own. */
  private inAppWords<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof ExtensionStatementRefused) throw new Error(this.t(error.words.key, error.words.params), { cause: error });
      const raw = error instanceof Error ? error.message : String(error);
      const message = readDuckdbWasmError(raw)?.message ?? raw;
      const words = missingExtensionWords(message);
      throw new Error(words ? this.t(words.key, words.params) : message, { cause: error });
    }
  }
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
