import type { RecordBatch, Schema } from 'apache-arrow';
import { createCellFormatter, type CellFormatter, type FormattedCell } from '../../../../shared/values/cellFormat';
import { columnsOf, type ResultColumn, type ResultRows } from './resultRows';

/**
 * A result held whole in the renderer, in the Arrow batches the in-app engine streams. Cells are
 * formatted on demand (only the rows on screen), so a million-row result costs no more to show
 * than a hundred.
 */
export class MemoryRows implements ResultRows {
  readonly columns: ResultColumn[];
  private readonly formatters: CellFormatter[];
  private readonly batches: RecordBatch[] = [];
  /** Row index at which each batch starts, for a binary search from a row to its batch. */
  private readonly batchStarts: number[] = [];
  private rows = 0;
  private readonly listeners = new Set<() => void>();

  /** `named`: DuckDB's type names, or whole columns (a sorted view shows its statement's names). */
  constructor(schema: Schema, named?: readonly string[] | readonly ResultColumn[] | null) {
    const given = named?.[0];
    this.columns =
      typeof given === 'object' && named
        ? schema.fields.map((field, i) => ({ ...(named as readonly ResultColumn[])[i]!, type: field.type }))
        : columnsOf(schema, named as readonly string[] | null | undefined);
    // The metadata tells UHUGEINT and BIGNUM apart from plain binary columns.
    this.formatters = schema.fields.map((field) => createCellFormatter(field.type, field.metadata));
  }

  get rowCount(): number {
    return this.rows;
  }

  append(batch: RecordBatch): void {
    if (batch.numRows === 0) return;
    this.batchStarts.push(this.rows);
    this.batches.push(batch);
    this.rows += batch.numRows;
  }

  /** DuckDB's names for the column types, learnt after the rows (see the in-app engine). */
  nameTypes(typeNames: readonly string[]): void {
    this.columns.forEach((column, i) => (column.typeName = typeNames[i] ?? column.typeName));
    this.changed();
  }

  /** Tells listeners that rows were appended (batched by the caller, at most once a frame). */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  cell(row: number, column: number): FormattedCell {
    const batchIndex = this.batchOf(row);
    const batch = this.batches[batchIndex];
    const start = this.batchStarts[batchIndex];
    const formatter = this.formatters[column];
    const vector = batch?.getChildAt(column);
    if (!vector || start === undefined || !formatter) return { text: '', kind: 'text' };
    // Reading the stored bytes (not vector.get) keeps intervals and sub-millisecond timestamps exact.
    return formatter.at(vector, row - start);
  }

  request(): void {
    // Every row is here already.
  }

  load(): Promise<void> {
    return Promise.resolve();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private batchOf(row: number): number {
    let low = 0;
    let high = this.batchStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.batchStarts[middle] ?? 0) <= row) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
