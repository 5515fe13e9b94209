import type { DataType, RecordBatch, Schema } from 'apache-arrow';
import { createCellFormatter, duckdbTypeName, type CellFormatter, type FormattedCell } from '../../../../shared/values/cellFormat';

export interface ResultColumn {
  name: string;
  /** DuckDB's name for the column's type, shown in the header. */
  typeName: string;
  type: DataType;
}

/**
 * The rows of one query result as they arrive from the engine, in Arrow batches. Cells are
 * formatted on demand (only the rows on screen), so a million-row result costs no more to show
 * than a hundred.
 */
export class ResultSet {
  readonly columns: ResultColumn[];
  private readonly formatters: CellFormatter[];
  private readonly batches: RecordBatch[] = [];
  /** Row index at which each batch starts, for a binary search from a row to its batch. */
  private readonly batchStarts: number[] = [];
  private rows = 0;

  constructor(schema: Schema, typeNames?: readonly string[]) {
    this.columns = schema.fields.map((field, index) => ({
      name: field.name,
      typeName: typeNames?.[index] ?? duckdbTypeName(field.type, field.metadata),
      type: field.type,
    }));
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

  /** The row's cells as text, for copying. */
  rowTexts(row: number): string[] {
    return this.columns.map((_, column) => this.cell(row, column).text);
  }

  /** The row's cells as text, with SQL NULL as null (so an export can tell it from the text 'NULL'). */
  rowCells(row: number): (string | null)[] {
    return this.columns.map((_, column) => {
      const cell = this.cell(row, column);
      return cell.kind === 'null' ? null : cell.text;
    });
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
