import { Table, type RecordBatch, type Schema } from 'apache-arrow';
import { createCellFormatter, type CellFormatter, type FormattedCell } from '../../../../shared/values/cellFormat';
import { columnsOf, type ResultColumn, type ResultRows } from './resultRows';

/** Rows per fetched window. */
export const pageRows = 1_024;
/** Windows kept; the least recently read go first. 64 × 1,024 rows bound the renderer's memory. */
export const maxPages = 64;

/** Fetches rows [offset, offset + limit). */
export type FetchRows = (offset: number, limit: number) => Promise<Table>;

interface Page {
  table: Table;
  /** A page read while the result was still growing may lack rows that came later. */
  partial: boolean;
  /** Shown until it is read again from where the rows are kept now (see `refresh`). */
  stale?: boolean;
}

/**
 * A result kept outside the page (on the main side by the native engine, in a table of the
 * in-app engine): the renderer fetches the windows the grid shows and keeps a bounded number of
 * them, however many rows the result has.
 */
export class WindowedRows implements ResultRows {
  readonly columns: ResultColumn[];
  private readonly formatters: CellFormatter[];
  /** In least-recently-used order: a Map iterates in insertion order. */
  private readonly pages = new Map<number, Page>();
  private readonly fetching = new Map<number, Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private count: number;
  private complete: boolean;
  private failure: Error | null = null;

  /** The first rows as they streamed in, while the result grows in the page (see `append`). */
  private head: RecordBatch[] = [];

  /** `typeNames`: DuckDB's names of the column types, when the schema cannot tell them all. */
  constructor(
    first: Table,
    rowCount: number,
    complete: boolean,
    private readonly fetchRows: FetchRows,
    typeNames?: readonly string[] | null,
  ) {
    const schema: Schema = first.schema;
    this.columns = columnsOf(schema, typeNames);
    this.formatters = schema.fields.map((field) => createCellFormatter(field.type, field.metadata));
    this.count = rowCount;
    this.complete = complete;
    for (let start = 0; start < first.numRows; start += pageRows) {
      const slice = first.slice(start, start + pageRows);
      this.pages.set(start / pageRows, { table: slice, partial: slice.numRows < pageRows && !complete });
    }
  }

  /** A result whose first rows stream into the page (`append`) before it is known where the rest will be kept. */
  static streaming(first: RecordBatch, fetchRows: FetchRows, typeNames?: readonly string[] | null): WindowedRows {
    const rows = new WindowedRows(new Table([first]), first.numRows, false, fetchRows, typeNames);
    rows.head = [first];
    return rows;
  }

  /**
   * Rows that streamed into the page after the first (the in-app engine reads the start of a
   * result before it knows whether to keep the result in the engine): made into windows as they
   * come. Listeners hear of them through `changed`, which the caller calls at most once a frame.
   */
  append(batch: RecordBatch): void {
    if (batch.numRows === 0) return;
    const from = Math.floor(this.count / pageRows);
    this.head.push(batch);
    this.count += batch.numRows;
    const rows = new Table(this.head);
    for (let index = from; index * pageRows < this.count; index++) {
      const slice = rows.slice(index * pageRows, (index + 1) * pageRows);
      this.pages.set(index, { table: slice, partial: slice.numRows < pageRows });
    }
  }

  /** DuckDB's names for the column types, learnt after the first rows. */
  nameTypes(typeNames: readonly string[]): void {
    this.columns.forEach((column, i) => (column.typeName = typeNames[i] ?? column.typeName));
    this.notify();
  }

  /** Tells listeners that rows were appended. */
  changed(): void {
    this.notify();
  }

  /** Every row streamed into the page: the result is whole here, and nothing is fetched. */
  completeInPage(): void {
    this.head = [];
    this.complete = true;
    for (const page of this.pages.values()) page.partial = false;
    this.notify();
  }

  /**
   * The rows are now kept elsewhere (the in-app engine made them a table), `rowCount` of them:
   * the windows held are read again from there when next in view, and shown until then, so the
   * page never shows rows other than those that copies, exports and views read.
   */
  refresh(rowCount: number): void {
    this.head = [];
    this.count = rowCount;
    this.complete = true;
    for (const page of this.pages.values()) page.stale = true;
    this.evict();
    this.notify();
  }

  get rowCount(): number {
    return this.count;
  }

  /** The last error fetching a window, for the status line. */
  get error(): Error | null {
    return this.failure;
  }

  /** The result grew (or finished): windows read before may now be short. */
  update(rowCount: number, complete: boolean): void {
    if (rowCount === this.count && complete === this.complete) return;
    this.count = rowCount;
    this.complete = complete;
    for (const [index, page] of this.pages) if (page.partial) this.pages.delete(index);
    this.notify();
  }

  cell(row: number, column: number): FormattedCell | null {
    const index = Math.floor(row / pageRows);
    const page = this.pages.get(index);
    if (!page) return null;
    const vector = page.table.getChildAt(column);
    const formatter = this.formatters[column];
    const at = row - index * pageRows;
    if (!vector || !formatter || at >= page.table.numRows) return null;
    return formatter.at(vector, at);
  }

  request(first: number, last: number): void {
    void this.load(first, last).catch(() => undefined);
  }

  async load(first: number, last: number): Promise<void> {
    const from = Math.floor(Math.max(0, first) / pageRows);
    const to = Math.floor(Math.min(last, this.count - 1) / pageRows);
    const waits: Promise<void>[] = [];
    for (let index = from; index <= to; index++) {
      const page = this.pages.get(index);
      if (page && !page.stale) {
        // In view again: the most recently used go last, the first to go are those long out of view.
        this.pages.delete(index);
        this.pages.set(index, page);
      } else {
        waits.push(this.fetchPage(index));
      }
    }
    await Promise.all(waits);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fetchPage(index: number): Promise<void> {
    let fetching = this.fetching.get(index);
    if (fetching) return fetching;
    fetching = this.fetchRows(index * pageRows, pageRows)
      .then((table) => {
        this.pages.delete(index);
        this.pages.set(index, { table, partial: table.numRows < pageRows && !this.complete });
        this.evict();
        this.failure = null;
        this.notify();
      })
      .catch((error: unknown) => {
        this.failure = error instanceof Error ? error : new Error(String(error));
        this.notify();
        throw this.failure;
      })
      .finally(() => this.fetching.delete(index));
    this.fetching.set(index, fetching);
    return fetching;
  }

  /** Drops the windows least recently read, past maxPages. */
  private evict(): void {
    while (this.pages.size > maxPages) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.pages.delete(oldest);
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
