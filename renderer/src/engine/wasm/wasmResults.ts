/**
 * The in-app engine's results for the grid. A small result is held whole in the page, as it
 * streamed. A large one is kept as a table inside the engine, in its own in-memory database
 * `scratch` (never in the catalog, as on the native engine), and the grid reads windows of it:
 * the page holds at most the windows the grid keeps, however many rows the result has.
 *
 * duckdb-wasm runs one call at a time, so a table cannot be read while it is being made. To put
 * the first rows on screen as fast as before, a query is streamed first; past `wholeResultBytes`
 * the stream is dropped and the query runs again into the table (shared/sql/resultKeeping.ts says
 * which queries may run twice; the others are made a table before their first row is read).
 */
import { DataType, Schema, Table, Type, type Field, type RecordBatch } from 'apache-arrow';
import { quoteIdentifier } from '../../../../shared/sql/identifiers';
import { heldMayRunAgain, resultKeeping, type Volatility } from '../../../../shared/sql/resultKeeping';
import { positionalName, statementAsRelation, viewSql, withColumnNames, type ResultView } from '../../../../shared/sql/resultView';
import { t } from '../../i18n/i18n';
import { EngineError, type Engine, type QueryStream } from '../engine';
import { MemoryRows } from '../results/memoryRows';
import type { QueryResult, ResultColumn } from '../results/resultRows';
import { pageRows, WindowedRows } from '../results/windowedRows';

/**
 * The Arrow bytes a result may have and stay whole in the page. Windows cost a statement in the
 * engine each time the grid scrolls to rows it does not hold: in \`npm run bench\` a scripted scroll
 * through a kept 1M-row result (about 30 MB) took three times as long as through the same result
 * held whole, so results of this size stay whole. A larger one is held only until its table is
 * made; then the page keeps the windows the grid keeps (maxPages), as for any windowed result.
 * What it held is garbage from then on, but counts in the page's heap until the next collection:
 * the higher this is, the higher the heap right after a large result (docs/performance.md).
 */
export const wholeResultBytes = 32 * 2 ** 20;
/**
 * Results kept as tables at once; older ones are dropped (their grid then says to run the query
 * again). Fewer than the native engine's six: these tables live in the engine's memory, beside
 * the user's tables.
 */
const maxKeptTables = 4;
/** The engine's own database for result tables: catalogSql leaves it out. */
const scratch = 'scratch';

/** What the results need of the engine: statements, serialized with every other, and which views and macros are volatile. */
type StatementRunner = Pick<Engine, 'run' | 'onRestarted'> & { readVolatileObjects(): Promise<ReadonlyMap<string, Volatility>> };

/** A result's table in the engine. */
interface KeptTable {
  /** As SQL names it: scratch.main."result_N". Its columns are named c0, c1, … by position. */
  readonly name: string;
  rowCount: number;
  /** DuckDB's type names of its columns. */
  typeNames: string[];
  /** Dropped (released, evicted, or the engine restarted): its windows can no longer be read. */
  gone: boolean;
}

/**
 * True when the Arrow schema cannot tell DuckDB's type name: an ENUM arrives as a dictionary
 * (without its name or values) and a DECIMAL(38,0) looks like a HUGEINT did without lossless
 * conversion. Only such results cost a DESCRIBE; every other type names itself (the engine sends
 * UUID, HUGEINT, BIT and TIMETZ as Arrow extension types).
 */
function typeNamesNeedEngine(type: DataType): boolean {
  if (type.typeId === Type.Dictionary) return true;
  if (DataType.isDecimal(type) && type.precision === 38 && type.scale === 0) return true;
  return (type.children ?? []).some((child: Field) => typeNamesNeedEngine(child.type));
}

/** Every batch of a statement's result, as one table (null when it has none). */
async function readAll(stream: QueryStream): Promise<Table | null> {
  const batches: RecordBatch[] = [];
  for await (const batch of stream) batches.push(batch);
  return batches.length > 0 ? new Table(batches) : null;
}

/** The values of one column of a small result, as text. */
function texts(table: Table | null, column: string): string[] {
  const vector = table?.getChild(column);
  return Array.from({ length: table?.numRows ?? 0 }, (_, i) => String(vector?.get(i)));
}

/** An error in `prefix + sql` made to point into `sql`, as the user wrote it. */
function pointingIntoStatement(error: unknown, prefix: string): unknown {
  if (!(error instanceof EngineError) || error.constructor !== EngineError || error.bytePosition === null) return error;
  const position = error.bytePosition - new TextEncoder().encode(prefix).length;
  return new EngineError(error.message, position >= 0 ? position : null, error.remedy);
}

/** The error without its position in the statement that raised it. */
function withoutPosition(error: unknown): unknown {
  if (!(error instanceof EngineError) || error.constructor !== EngineError || error.bytePosition === null) return error;
  return new EngineError(error.message, null, error.remedy);
}

export class InAppResults {
  private nextId = 1;
  /** Oldest first. */
  private readonly kept: KeptTable[] = [];

  constructor(private readonly engine: StatementRunner) {
    // A new worker has none of the old one's tables.
    engine.onRestarted(() => {
      for (const table of this.kept.splice(0)) table.gone = true;
    });
  }

  /** Runs one statement for the grid: the first rows come as soon as they exist. */
  async execute(sql: string): Promise<QueryResult> {
    // What is not a query stays so whatever the catalog holds: no catalog read for it.
    const keeping = resultKeeping(sql) === 'none' ? 'none' : resultKeeping(sql, await this.engine.readVolatileObjects());
    if (keeping === 'none') return this.heldWhole(sql);
    if (keeping === 'tableFirst') return this.tableFirst(sql);
    return this.streamThenTable(sql);
  }

  /** Streams the query; past `wholeResultBytes`, runs it again into a table and reads windows of that. */
  private async streamThenTable(sql: string): Promise<QueryResult> {
    const stream = await this.engine.run(sql);
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done) return emptyResult(sql);
    let table: KeptTable | null = null;
    let released = false;
    const rows = WindowedRows.streaming(first.value, (offset, limit) => this.window(table, rows.columns, offset, limit), stream.columnTypes);
    const finished = (async () => {
      let frame = 0;
      let large = false;
      // Released while it streams (its tab closed, another run): read no more, make no table.
      let dropped = false;
      let bytes = first.value.data.byteLength;
      try {
        for (;;) {
          if (released) {
            dropped = true;
            break;
          }
          if (bytes > wholeResultBytes) {
            large = true;
            break;
          }
          const next = await iterator.next();
          if (next.done) break;
          rows.append(next.value);
          bytes += next.value.data.byteLength;
          // Listeners hear at most once a frame while the rest streams in.
          frame ||= requestAnimationFrame(() => {
            frame = 0;
            rows.changed();
          });
        }
      } finally {
        if (frame) cancelAnimationFrame(frame);
        // Frees the connection; the next statement on it closes the stream in the worker.
        if (large || dropped) await iterator.return?.(undefined);
        rows.changed();
      }
      if (dropped) return;
      if (!large) {
        rows.completeInPage();
        // After the rows, so the first of them are never held up by it.
        if (rows.columns.some((column) => typeNamesNeedEngine(column.type))) {
          const names = texts(await readAll(await this.engine.run(`DESCRIBE ${sql.trim().replace(/;\s*$/, '')}`)).catch(() => null), 'column_type');
          if (names.length === rows.columns.length) rows.nameTypes(names);
        }
        return;
      }
      if (released) return;
      table = await this.keep(`SELECT * FROM ${statementAsRelation(sql)}`, rows.columns.length);
      if (released) this.drop(table);
      rows.nameTypes(table.typeNames);
      rows.refresh(table.rowCount);
    })();
    finished.catch(() => undefined);
    return {
      rows,
      finished,
      // The table once there is one: exports, profiles and views then read the rows the grid shows.
      get relation() {
        return table ? tableRelation(table, rows.columns) : statementAsRelation(sql);
      },
      withView: (view: ResultView) =>
        table ? this.keptView(table, rows.columns, view) : this.heldWhole(viewSql(statementAsRelation(sql), rows.columns.length, view), rows.columns, sql),
      release: () => {
        released = true;
        if (table) this.drop(table);
      },
    };
  }

  /** A query whose rows change from run to run: made a table, then read. */
  private async tableFirst(sql: string): Promise<QueryResult> {
    const describePrefix = 'DESCRIBE ';
    const described = await readAll(await this.engine.run(`${describePrefix}${sql.trim().replace(/;\s*$/, '')}`)).catch((error: unknown) =>
      Promise.reject(pointingIntoStatement(error, describePrefix)),
    );
    const columnCount = described?.numRows ?? 0;
    if (columnCount === 0) return this.heldWhole(sql);
    return this.keptResult(`SELECT * FROM ${statementAsRelation(sql)}`, columnCount, sql, texts(described, 'column_name'));
  }

  /** A view (sort, filter) of a result kept as a table: another table, made by the engine from it. */
  private keptView(from: KeptTable, columns: readonly ResultColumn[], view: ResultView): Promise<QueryResult> {
    return this.keptResult(viewSql(from.name, columns.length, view), columns.length, null, columns.map((column) => column.name));
  }

  /**
   * `select` (of `columnCount` columns) made a table, and a result reading windows of it. `sql`:
   * the statement, for an empty result; `names`: the columns' names in the header.
   */
  private async keptResult(select: string, columnCount: number, sql: string | null, names: readonly string[]): Promise<QueryResult> {
    const table = await this.keep(select, columnCount);
    const columns = names.map((name) => ({ name }));
    const first = await this.window(table, columns, 0, pageRows * 2).catch((error: unknown) => {
      this.drop(table);
      throw error;
    });
    if (first.schema.fields.length === 0) {
      this.drop(table);
      return emptyResult(sql ?? select);
    }
    const rows: WindowedRows = new WindowedRows(first, table.rowCount, true, (offset, limit) => this.window(table, rows.columns, offset, limit), table.typeNames);
    return {
      rows,
      finished: Promise.resolve(),
      relation: tableRelation(table, rows.columns),
      withView: (view) => this.keptView(table, rows.columns, view),
      release: () => this.drop(table),
    };
  }

  /** Makes a table of `select`'s rows, its columns named by position. */
  private async keep(select: string, columnCount: number): Promise<KeptTable> {
    const name = `${scratch}.main.${quoteIdentifier(`result_${this.nextId++}`)}`;
    const positional = Array.from({ length: columnCount }, (_, i) => quoteIdentifier(positionalName(i))).join(', ');
    await readAll(await this.engine.run(`ATTACH IF NOT EXISTS ':memory:' AS ${scratch}`));
    // The statement itself ran (and was checked) before: an error now is about its rows, and a
    // position would point into this wrapper, not into what the user wrote.
    await readAll(await this.engine.run(`CREATE TABLE ${name} AS SELECT * FROM (${select}\n) AS kept(${positional})`)).catch((error: unknown) =>
      Promise.reject(withoutPosition(error)),
    );
    const table: KeptTable = { name, rowCount: 0, typeNames: [], gone: false };
    this.kept.push(table);
    for (const old of this.kept.slice(0, Math.max(0, this.kept.length - maxKeptTables))) this.drop(old);
    try {
      const count = await readAll(await this.engine.run(`SELECT count(*)::DOUBLE AS n FROM ${name}`));
      table.rowCount = Number(count?.getChild('n')?.get(0) ?? 0);
      table.typeNames = texts(await readAll(await this.engine.run(`DESCRIBE ${name}`)), 'column_type');
      return table;
    } catch (error) {
      this.drop(table);
      throw error;
    }
  }

  /** Rows [offset, offset + limit) of a kept table, under the statement's column names. */
  private async window(table: KeptTable | null, columns: readonly { name: string }[], offset: number, limit: number): Promise<Table> {
    if (!table || table.gone) throw new EngineError(t('error.resultGone'));
    const select = columns.map((column, i) => `${quoteIdentifier(positionalName(i))} AS ${quoteIdentifier(column.name)}`).join(', ') || '*';
    const rows = await readAll(await this.engine.run(`SELECT ${select} FROM ${table.name} LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`));
    return rows ?? new Table();
  }

  private drop(table: KeptTable): void {
    table.gone = true;
    const index = this.kept.indexOf(table);
    if (index >= 0) this.kept.splice(index, 1);
    void this.engine
      .run(`DROP TABLE IF EXISTS ${table.name}`)
      .then(readAll)
      .catch(() => undefined);
  }

  /**
   * A result held whole in the page (a statement that is not a query, or a view of a small
   * result): the first batch is shown at once, the rest is appended as the engine streams it.
   * `viewOf`: the columns a view keeps in its header, and the statement it is a view of.
   */
  private async heldWhole(sql: string, viewColumns?: readonly ResultColumn[], viewOf?: string): Promise<QueryResult> {
    const stream = await this.engine.run(sql);
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done) return emptyResult(sql);
    // A view names columns by position; its header keeps the statement's names and types.
    const rows = new MemoryRows(first.value.schema, viewColumns ?? stream.columnTypes);
    rows.append(first.value);
    const statement = viewOf ?? sql;
    const finished = (async () => {
      let frame = 0;
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) break;
          rows.append(next.value);
          frame ||= requestAnimationFrame(() => {
            frame = 0;
            rows.changed();
          });
        }
      } finally {
        if (frame) cancelAnimationFrame(frame);
        rows.changed();
      }
    })();
    finished.catch(() => undefined);
    // Views are made from the statement; exports and profiles read what was run (a view: the rows as shown).
    const base = statementAsRelation(statement);
    return {
      rows,
      finished,
      relation: viewOf === undefined ? base : withColumnNames(statementAsRelation(sql), (viewColumns ?? rows.columns).map((column) => column.name)),
      // A view of a view runs the query again; the statement itself only if it merely reads.
      withView:
        viewOf !== undefined || heldMayRunAgain(sql)
          ? (view: ResultView) => {
              const columns = viewColumns ?? rows.columns;
              return this.heldWhole(viewSql(base, columns.length, view), columns, statement);
            }
          : null,
      release: () => undefined,
    };
  }
}

/** The table as SQL FROM can take, with the statement's column names. */
function tableRelation(table: KeptTable, columns: readonly { name: string }[]): string {
  return withColumnNames(table.name, columns.map((column) => column.name));
}

function emptyResult(sql: string): QueryResult {
  const rows = new MemoryRows(new Schema([]));
  return {
    rows,
    finished: Promise.resolve(),
    relation: statementAsRelation(sql),
    withView: async () => emptyResult(sql),
    release: () => undefined,
  };
}
