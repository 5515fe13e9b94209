/**
 * Arrow as duckdb-wasm 1.32 sends it, made right before anyone reads it.
 *
 * With `arrowLosslessConversion` (shared/engine/wasmSettings.ts) DuckDB declares BOOLEAN columns
 * as the canonical extension `arrow.bool8` (Int8, one byte per value) but duckdb-wasm's appender
 * does not apply the extension's conversion: the buffer still holds Arrow's bit-packed booleans.
 * Read as Int8, `true, false` shows `-1, -2` and a column of trues `-86` (bytes past the bits).
 * This turns every such field, at any depth (lists, structs, maps, unions), back into an Arrow
 * Bool over the same bits, so the grid, the clipboard and the Arrow export all see booleans.
 * (Inside a MAP the engine drops the children's extension metadata, so a BOOLEAN key or value
 * cannot be told from a TINYINT there: that case is still wrong, and is the engine's to fix.)
 * test/unit/shared/wasmArrow.test.ts pins the engine's behaviour: if an update starts sending
 * real bool8 bytes, it fails there first.
 */
import { Bool, Field, FixedSizeList, List, Map_, RecordBatch, Schema, Struct, Table, Type, Union, makeData, type Data, type DataType } from 'apache-arrow';

const extensionName = 'ARROW:extension:name';
const extensionMetadata = 'ARROW:extension:metadata';

function isBool8(field: Field): boolean {
  return field.metadata.get(extensionName) === 'arrow.bool8' && field.type.typeId === Type.Int;
}

function carriesBool8(field: Field): boolean {
  return isBool8(field) || (field.type.children ?? []).some((child: Field) => carriesBool8(child));
}

function withoutExtension(metadata: Map<string, string>): Map<string, string> {
  const kept = new Map(metadata);
  kept.delete(extensionName);
  kept.delete(extensionMetadata);
  return kept;
}

/** The field as it should have been declared. */
function repairedField(field: Field): Field {
  if (!carriesBool8(field)) return field;
  if (isBool8(field)) return new Field(field.name, new Bool(), field.nullable, withoutExtension(field.metadata));
  return new Field(field.name, repairedType(field.type), field.nullable, field.metadata);
}

function repairedType(type: DataType): DataType {
  const children = (type.children ?? []).map((child: Field) => repairedField(child));
  // By type id, not instanceof: the engine's apache-arrow may be another copy of the module (Node loads its CommonJS build).
  const typed = type as DataType & { listSize: number; keysSorted: boolean; mode: number; typeIds: Int32Array };
  switch (type.typeId) {
    case Type.List:
      return new List(children[0]!);
    case Type.FixedSizeList:
      return new FixedSizeList(typed.listSize, children[0]!);
    case Type.Struct:
      return new Struct(children);
    case Type.Map:
      return new Map_(children[0] as Field<Struct>, typed.keysSorted);
    case Type.Union:
      return new Union(typed.mode, [...typed.typeIds], children);
    default:
      // No other type has children; a bool8 inside one would be left as it came.
      return type;
  }
}

/** The data of `field` (as sent) over the repaired type. */
function repairedData(field: Field, data: Data): Data {
  if (!carriesBool8(field)) return data;
  if (isBool8(field)) {
    const values = data.values as Int8Array;
    const bytes = Math.min(Math.ceil((data.offset + data.length) / 8), values.byteLength);
    return makeData({
      type: new Bool(),
      offset: data.offset,
      length: data.length,
      nullCount: data.nullCount,
      nullBitmap: data.nullBitmap,
      data: new Uint8Array(values.buffer, values.byteOffset, bytes),
    });
  }
  const type = repairedType(field.type);
  const fields = field.type.children ?? [];
  const children = data.children.map((child, index) => repairedData(fields[index]!, child));
  const common = { offset: data.offset, length: data.length, nullCount: data.nullCount, nullBitmap: data.nullBitmap };
  switch (type.typeId) {
    case Type.List:
    case Type.Map:
      return makeData({ ...common, type: type as List, valueOffsets: data.valueOffsets, child: children[0]! } as never);
    case Type.FixedSizeList:
      return makeData({ ...common, type: type as FixedSizeList, child: children[0]! });
    case Type.Struct:
      return makeData({ ...common, type: type as Struct, children });
    case Type.Union:
      return makeData({ ...common, type: type as Union, typeIds: data.typeIds, valueOffsets: data.valueOffsets, children } as never);
    default:
      return data;
  }
}

/** True when duckdb-wasm sent a BOOLEAN somewhere in `schema`: only then is there work to do. */
export function needsReading(schema: Schema): boolean {
  return schema.fields.some(carriesBool8);
}

/** The schema as it should have been declared (for a result with no batches). */
export function readableSchema(schema: Schema): Schema {
  return new Schema(schema.fields.map(repairedField), schema.metadata);
}

function batchOver(schema: Schema, batch: RecordBatch): RecordBatch {
  const children = batch.schema.fields.map((field, index) => repairedData(field, batch.data.children[index]!));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}

/** A batch from duckdb-wasm, with its BOOLEAN columns readable. The same batch when it has none. */
export function readableBatch(batch: RecordBatch): RecordBatch {
  return needsReading(batch.schema) ? batchOver(readableSchema(batch.schema), batch) : batch;
}

/** A table from duckdb-wasm, with its BOOLEAN columns readable. */
export function readableTable(table: Table): Table {
  if (!needsReading(table.schema)) return table;
  const schema = readableSchema(table.schema);
  return new Table(schema, table.batches.map((batch) => batchOver(schema, batch)));
}
