/**
 * Arrow as duckdb-wasm 1.32 sends it, made right before anyone reads it.
 *
 * With `arrowLosslessConversion` (shared/engine/wasmSettings.ts) DuckDB declares BOOLEAN columns
 * as the canonical extension `arrow.bool8` (Int8, one byte per value) but duckdb-wasm's appender
 * does not apply the extension's conversion: the buffer still holds Arrow's bit-packed booleans.
 * Read as Int8, `true, false` shows `-1, -2` and a column of trues `-86` (bytes past the bits).
 * This turns every such field, at any depth (lists, structs, maps, unions), back into an Arrow
 * Bool over the same bits, so the grid, the clipboard and the Arrow export all see booleans.
 * Inside a MAP the engine drops the children's extension metadata, so a BOOLEAN key or value
 * cannot be told from a TINYINT by the schema alone: `labelMapBooleans` puts the label back from
 * DuckDB's own type names (DESCRIBE), and the repair then reads them as booleans too.
 * test/unit/shared/wasmArrow.test.ts pins the engine's behaviour: if an update starts sending
 * real bool8 bytes, it fails there first.
 */
import { duckdbTypeTree, type DuckdbTypeTree } from '../sql/duckdbTypeTree';
import { Bool, DataType, Field, FixedSizeList, List, Map_, RecordBatch, Schema, Struct, Table, Type, Union, makeData, type Data } from 'apache-arrow';

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

/** `type` over `children`: by default its own, repaired. */
function repairedType(type: DataType, children: Field[] = (type.children ?? []).map((child: Field) => repairedField(child))): DataType {
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

/** `sent` is the schema the batch's data is read by: its own, or that schema labelled by `labelMapBooleans`. */
function batchOver(schema: Schema, batch: RecordBatch, sent: Schema = batch.schema): RecordBatch {
  const children = sent.fields.map((field, index) => repairedData(field, batch.data.children[index]!));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}

/**
 * A batch from duckdb-wasm, with its BOOLEAN columns readable. The same batch when it has none.
 * `labelled` is its schema as `labelMapBooleans` made it, when the result holds a MAP.
 */
export function readableBatch(batch: RecordBatch, labelled: Schema = batch.schema): RecordBatch {
  return needsReading(labelled) ? batchOver(readableSchema(labelled), batch, labelled) : batch;
}

/** True when `schema` has a TINYINT inside a MAP: it may be a BOOLEAN that lost its label (`labelMapBooleans`). */
export function mayHideMapBooleans(schema: Schema): boolean {
  const hidesTinyint = (field: Field, insideMap: boolean): boolean =>
    (insideMap && isUnlabelledTinyint(field)) || (field.type.children ?? []).some((child: Field) => hidesTinyint(child, insideMap || field.type.typeId === Type.Map));
  return schema.fields.some((field) => hidesTinyint(field, false));
}

function isUnlabelledTinyint(field: Field): boolean {
  return DataType.isInt(field.type) && field.type.bitWidth === 8 && field.type.isSigned && !field.metadata.has(extensionName);
}

/** `field` with the BOOLEANs of `type` (DuckDB's tree of the same column) labelled `arrow.bool8`; unchanged where the shapes differ. */
function labelledField(field: Field, type: DuckdbTypeTree): Field {
  if (type.kind === 'leaf') {
    if (type.name.toUpperCase() !== 'BOOLEAN' || !isUnlabelledTinyint(field)) return field;
    const metadata = new Map(field.metadata);
    metadata.set(extensionName, 'arrow.bool8');
    metadata.set(extensionMetadata, '');
    return new Field(field.name, field.type, field.nullable, metadata);
  }
  const children: Field[] = field.type.children ?? [];
  const nested: DuckdbTypeTree[] | null =
    type.kind === 'list' && field.type.typeId === Type.List
      ? [type.element]
      : type.kind === 'array' && field.type.typeId === Type.FixedSizeList
        ? [type.element]
        : type.kind === 'struct' && field.type.typeId === Type.Struct
          ? type.fields.map((member) => member.type)
          : type.kind === 'union' && field.type.typeId === Type.Union
            ? type.members.map((member) => member.type)
            : null;
  if (type.kind === 'map' && field.type.typeId === Type.Map) {
    const entries = children[0]!;
    const entry = labelledField(entries, { kind: 'struct', fields: [{ name: 'key', type: type.key }, { name: 'value', type: type.value }] });
    return entry === entries ? field : new Field(field.name, repairedType(field.type, [entry]), field.nullable, field.metadata);
  }
  if (!nested || nested.length !== children.length) return field;
  const labelled = children.map((child, index) => labelledField(child, nested[index]!));
  if (labelled.every((child, index) => child === children[index])) return field;
  return new Field(field.name, repairedType(field.type, labelled), field.nullable, field.metadata);
}

/**
 * `schema` with the BOOLEANs that duckdb-wasm sends unlabelled inside a MAP labelled as the rest,
 * from DuckDB's type names of its columns (`DESCRIBE`, in column order). A name that cannot be read
 * leaves its column as it came.
 */
export function labelMapBooleans(schema: Schema, typeNames: readonly string[]): Schema {
  if (typeNames.length !== schema.fields.length) return schema;
  const fields = schema.fields.map((field, index) => {
    try {
      return labelledField(field, duckdbTypeTree(typeNames[index]!));
    } catch {
      return field;
    }
  });
  return fields.every((field, index) => field === schema.fields[index]) ? schema : new Schema(fields, schema.metadata);
}

/** A table from duckdb-wasm, with its BOOLEAN columns readable; `labelled` as for `readableBatch`. */
export function readableTable(table: Table, labelled: Schema = table.schema): Table {
  if (!needsReading(labelled)) return table;
  const schema = readableSchema(labelled);
  return new Table(schema, table.batches.map((batch) => batchOver(schema, batch, labelled)));
}
