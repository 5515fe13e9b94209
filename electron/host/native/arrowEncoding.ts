/**
 * Encodes native DuckDB result chunks (node-api `DuckDBDataChunk`s) as an Arrow IPC stream that
 * means what duckdb-wasm's Arrow of the same query means: the results grid formats both with
 * shared/values/cellFormat.ts, and every cell must read as DuckDB's `CAST(x AS VARCHAR)`.
 *
 * node-api has no Arrow export, so the buffers are built here, straight from the vectors' memory:
 * fixed-width columns are copied (or widened) as typed arrays, strings byte by byte (long ones read
 * in runs: outOfLineStrings.ts), and no value is boxed into a JavaScript object on the way.
 *
 * Type mapping (duckdb-wasm 1.32 with `arrowLosslessConversion: false` unless said otherwise):
 *
 *   BOOLEAN                    Bool
 *   TINYINT…BIGINT             Int8…Int64;  UTINYINT…UBIGINT  Uint8…Uint64
 *   HUGEINT                    Decimal(38,0), 128-bit (as wasm)
 *   UHUGEINT                   FixedSizeBinary(16), arrow.opaque "uhugeint" (as wasm)
 *   FLOAT, DOUBLE              Float32, Float64
 *   DECIMAL(w,s)               Decimal(w,s), always 128-bit (as wasm; DuckDB's 16/32/64-bit storage is widened)
 *   VARCHAR                    Utf8 (JSON too, marked arrow.json)
 *   BLOB                       Binary
 *   BIT                        Binary, arrow.opaque "bit" (wasm sends bare Binary, which reads as a blob, not as 0101)
 *   BIGNUM                     Binary, arrow.opaque "bignum" (as wasm)
 *   UUID                       FixedSizeBinary(16), arrow.uuid (wasm sends the text; the bytes are cheaper and print the same)
 *   DATE                       Date32 (days)
 *   TIME, TIME_NS              Time64 µs, Time64 ns (wasm cannot send TIME_NS; node-api 1.4.4 cannot read it either)
 *   TIME WITH TIME ZONE        FixedSizeBinary(8), arrow.opaque "time_tz" (wasm sends Time64 and loses the offset)
 *   TIMESTAMP[_S|_MS|_NS]      Timestamp µs [s|ms|ns]
 *   TIMESTAMP WITH TIME ZONE   Timestamp µs, "UTC"
 *   INTERVAL                   Interval MONTH_DAY_NANO
 *   ENUM                       Dictionary<Uint8|Uint16|Uint32, Utf8>
 *   LIST, ARRAY                List (child "l"), FixedSizeList (child "")
 *   STRUCT, MAP                Struct, Map<entries: Struct<key, value>>
 *   UNION                      sparse Union, type ids = member index
 */
import { DuckDBTypeId } from '@duckdb/node-api';
import type {
  DuckDBArrayType,
  DuckDBDataChunk,
  DuckDBDecimalType,
  DuckDBEnumType,
  DuckDBListType,
  DuckDBMapType,
  DuckDBStructType,
  DuckDBType,
  DuckDBUnionType,
  DuckDBVector,
} from '@duckdb/node-api';
import {
  AsyncByteQueue,
  Binary,
  Bool,
  DateDay,
  Decimal,
  Dictionary,
  Field,
  FixedSizeBinary,
  FixedSizeList,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  Interval,
  IntervalUnit,
  List,
  Map_,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  SparseUnion,
  Struct,
  Time,
  TimeUnit,
  Timestamp,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  Vector,
  Data,
  makeData,
  type DataType,
} from 'apache-arrow';
import { quoteIdentifierIfNeeded } from '../../../shared/sql/identifiers';
import { partsByteLength } from '../../../shared/contract/tableFrames';
import { OutOfLineStrings } from './outOfLineStrings';

export interface EncodedColumn {
  name: string;
  type: DuckDBType;
}

/**
 * `lossless`: the Arrow that DuckDB itself sends with `arrow_lossless_conversion` (as duckdb-wasm
 * does in this app), for rows going into another DuckDB rather than to the grid. It differs in
 * one type only: HUGEINT travels as DuckDB's opaque `hugeint` extension, not as Decimal(38,0).
 */
export interface ArrowFlavour {
  lossless?: boolean;
}

/** Schema metadata key: JSON array of each column's DuckDB type name, for the results header. */
export const COLUMN_TYPES_METADATA_KEY = 'duckdb.column_types';

/**
 * Arrow's 32-bit offsets cap a string buffer at 2 GiB; well before that the rows gathered so far
 * go out as one record batch and the next chunks start another.
 */
const BATCH_BYTE_LIMIT = 1 << 30;

/** The writer's output, kept in the pieces it was written in. */
class WrittenParts extends AsyncByteQueue {
  get parts(): Uint8Array[] {
    return this._values;
  }
}

/** Arrow IPC *stream* bytes (schema + one record batch per chunk, or merged) for these rows. */
export function encodeArrowIpc(columns: readonly EncodedColumn[], chunks: readonly DuckDBDataChunk[], flavour: ArrowFlavour = {}): Uint8Array {
  const parts = encodeArrowIpcParts(columns, chunks, flavour);
  const bytes = new Uint8Array(partsByteLength(parts));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

/**
 * The same bytes as `encodeArrowIpc`, in the pieces the writer made (headers, each buffer,
 * padding), for a caller that sends them on one after another: joining them would copy every
 * byte into new memory, which cost a quarter of encoding a large batch.
 */
export function encodeArrowIpcParts(columns: readonly EncodedColumn[], chunks: readonly DuckDBDataChunk[], flavour: ArrowFlavour = {}): Uint8Array[] {
  let totalRows = 0;
  for (const chunk of chunks) totalRows += chunk.rowCount;
  const lossless = flavour.lossless === true;
  const encoders = columns.map((column) => createEncoder(column.type, column.name, totalRows, lossless));
  const schema = new Schema(
    encoders.map((encoder) => encoder.field),
    new Map([[COLUMN_TYPES_METADATA_KEY, JSON.stringify(columns.map((column) => duckdbTypeName(column.type)))]]),
  );
  const written = new WrittenParts();
  const writer = new RecordBatchStreamWriter();
  writer.reset(written, schema);
  let batchRows = 0;
  const flush = (): void => {
    const children = encoders.map((encoder) => encoder.finish());
    writer.write(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batchRows, nullCount: 0, children })));
    batchRows = 0;
  };
  for (const chunk of chunks) {
    const rows = chunk.rowCount;
    if (rows === 0) continue;
    for (let c = 0; c < encoders.length; c++) encoders[c]!.append(chunk.getColumnVector(c), 0, rows);
    batchRows += rows;
    let bytes = 0;
    for (const encoder of encoders) bytes += encoder.byteLength;
    if (bytes > BATCH_BYTE_LIMIT) flush();
  }
  if (batchRows > 0) flush();
  writer.finish();
  return written.parts;
}

// ---------------------------------------------------------------------------------------------
// DuckDB's own type names (what `typeof()` says): node-api's toString() quotes every struct and
// union member name and names unnamed struct members "".

function duckdbTypeName(type: DuckDBType): string {
  if (type.alias) return type.alias;
  switch (type.typeId) {
    case DuckDBTypeId.LIST:
      return `${duckdbTypeName(type.valueType)}[]`;
    case DuckDBTypeId.ARRAY:
      return `${duckdbTypeName(type.valueType)}[${type.length}]`;
    case DuckDBTypeId.MAP:
      return `MAP(${duckdbTypeName(type.keyType)}, ${duckdbTypeName(type.valueType)})`;
    case DuckDBTypeId.STRUCT: {
      const unnamed = type.entryNames.length > 0 && type.entryNames.every((name) => name === '');
      const members = type.entryTypes.map((entry, i) =>
        unnamed ? duckdbTypeName(entry) : `${quoteIdentifierIfNeeded(type.entryNames[i]!)} ${duckdbTypeName(entry)}`,
      );
      return `STRUCT(${members.join(', ')})`;
    }
    case DuckDBTypeId.UNION:
      return `UNION(${type.memberTypes.map((member, i) => `${quoteIdentifierIfNeeded(type.memberTags[i]!)} ${duckdbTypeName(member)}`).join(', ')})`;
    default:
      return type.toString();
  }
}

// ---------------------------------------------------------------------------------------------
// What node-api's vectors hold. Its typings mark these fields private; they are the vectors' own
// views of DuckDB's memory, read here and never written, which is what makes encoding fast.

interface RawValidity {
  /** One bit a row, least significant first, as Arrow's; null when every row is valid. */
  readonly data: BigUint64Array | null;
  readonly offset: number;
}

interface RawVector {
  readonly validity: RawValidity;
  /** Fixed-width vectors hold either typed `items` or a `dataView` over the same memory. */
  readonly items?: ArrayBufferView;
  readonly dataView?: DataView;
  /** LIST: (offset, length) pairs of uint64, and the child vector. */
  readonly entryData?: BigUint64Array;
  readonly childData?: DuckDBVector;
  /** STRUCT: one vector a member. */
  readonly entryVectors?: readonly DuckDBVector[];
  /** MAP: a LIST of STRUCT(key, value). */
  readonly listVector?: DuckDBVector;
  /** UNION: a STRUCT of the tag (UTINYINT) and the members. */
  readonly structVector?: DuckDBVector;
}

function raw(vector: DuckDBVector): RawVector {
  return vector as unknown as RawVector;
}

/** The vector's data as bytes, for the fixed-width types. */
function dataBytes(vector: DuckDBVector): Uint8Array {
  const { items, dataView } = raw(vector);
  const view = items ?? dataView;
  if (!view) throw new Error(`node-api vector ${vector.constructor.name} has no data buffer`);
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** Typed view of bytes, copying them first when they are not aligned for that view. */
function typedView<T>(Type: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number }, bytes: Uint8Array): T {
  const source = bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0 ? bytes : bytes.slice();
  return new Type(source.buffer, source.byteOffset, Math.floor(source.byteLength / Type.BYTES_PER_ELEMENT));
}

// ---------------------------------------------------------------------------------------------
// Growable buffers

const noBytes = new Uint8Array(0);

/**
 * Bytes appended at the end. Memory is taken at the first `reserve` (`initialCapacity`, or more),
 * not before: an encoder's last `take` leaves nothing behind, and new memory costs a page fault a
 * page when first written.
 */
class ByteBuffer {
  bytes: Uint8Array = noBytes;
  length = 0;

  constructor(private readonly initialCapacity: number) {}

  /** Makes room for `extra` more bytes. */
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2, this.initialCapacity, 64));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /**
   * Hands over the bytes written so far and starts afresh. Mostly a view; a copy when most of the
   * buffer is unused (a guess of 8 bytes a string, for 1-byte strings): Electron's IPC copies the
   * whole buffer behind a view, where Node's copies only the view.
   */
  take(): Uint8Array {
    const spare = this.bytes.length - this.length;
    const taken = spare > this.length && spare > 65_536 ? this.bytes.slice(0, this.length) : this.bytes.subarray(0, this.length);
    this.bytes = noBytes;
    this.length = 0;
    return taken;
  }
}

/** Counts set bits per byte value, for null counts. */
const bitsSet = Uint8Array.from({ length: 256 }, (_, byte) => {
  let count = 0;
  for (let b = byte; b; b >>= 1) count += b & 1;
  return count;
});

/** A bitmap built row by row (validity, or BOOLEAN values). */
class BitBuffer {
  private buffer: ByteBuffer;
  length = 0;

  constructor(rowsHint: number) {
    this.buffer = new ByteBuffer(rowsHint >> 3);
  }

  private grow(count: number): Uint8Array {
    const bytes = ((this.length + count + 7) >> 3) - this.buffer.length;
    if (bytes > 0) {
      this.buffer.reserve(bytes);
      this.buffer.bytes.fill(0, this.buffer.length, this.buffer.length + bytes);
      this.buffer.length += bytes;
    }
    return this.buffer.bytes;
  }

  /** Appends `count` bits of `source` from bit `start`; a null source means all set. */
  appendBits(source: Uint8Array | null, start: number, count: number): void {
    const bits = this.grow(count);
    let at = this.length;
    if (source === null) {
      let i = 0;
      for (; i < count && (at & 7) !== 0; i++, at++) bits[at >> 3]! |= 1 << (at & 7);
      const wholeBytes = (count - i) >> 3;
      bits.fill(0xff, at >> 3, (at >> 3) + wholeBytes);
      at += wholeBytes << 3;
      i += wholeBytes << 3;
      for (; i < count; i++, at++) bits[at >> 3]! |= 1 << (at & 7);
    } else if ((at & 7) === 0 && (start & 7) === 0) {
      // Both byte-aligned (the usual case: whole chunks): a plain copy. Bits past the end of the
      // last byte are overwritten by the next append, which then is unaligned and goes bit by bit.
      bits.set(source.subarray(start >> 3, (start + count + 7) >> 3), at >> 3);
    } else {
      for (let i = 0; i < count; i++, at++) {
        const from = start + i;
        if ((source[from >> 3]! >> (from & 7)) & 1) bits[at >> 3]! |= 1 << (at & 7);
        else bits[at >> 3]! &= ~(1 << (at & 7));
      }
    }
    this.length += count;
  }

  /** Appends one bit a byte of `source` (DuckDB's BOOLEAN: one byte a value). */
  appendBytesAsBits(source: Uint8Array, stride: number, start: number, count: number): void {
    const bits = this.grow(count);
    let at = this.length;
    for (let i = 0; i < count; i++, at++) {
      if (source[(start + i) * stride] !== 0) bits[at >> 3]! |= 1 << (at & 7);
      else bits[at >> 3]! &= ~(1 << (at & 7));
    }
    this.length += count;
  }

  clear(index: number): void {
    this.buffer.bytes[index >> 3]! &= ~(1 << (index & 7));
  }

  countUnset(): number {
    const bytes = this.buffer.bytes;
    const whole = this.length >> 3;
    let set = 0;
    for (let i = 0; i < whole; i++) set += bitsSet[bytes[i]!]!;
    const rest = this.length & 7;
    if (rest) set += bitsSet[bytes[whole]! & ((1 << rest) - 1)]!;
    return this.length - set;
  }

  take(): Uint8Array {
    this.length = 0;
    return this.buffer.take();
  }
}

/** Validity of the rows appended so far; the bitmap is dropped when nothing is null. */
class Validity {
  private readonly bits: BitBuffer;

  constructor(rowsHint: number) {
    this.bits = new BitBuffer(rowsHint);
  }

  append(vector: DuckDBVector, start: number, count: number): void {
    const { data, offset } = raw(vector).validity;
    this.bits.appendBits(data ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null, offset + start, count);
  }

  clear(row: number): void {
    this.bits.clear(row);
  }

  take(): { nullCount: number; nullBitmap?: Uint8Array } {
    const nullCount = this.bits.countUnset();
    const nullBitmap = this.bits.take();
    return nullCount === 0 ? { nullCount } : { nullCount, nullBitmap };
  }

  get byteLength(): number {
    return this.bits.length >> 3;
  }
}

/** Whether row `index` of the vector is valid. */
function validityReader(vector: DuckDBVector): (index: number) => boolean {
  const { data, offset } = raw(vector).validity;
  if (!data) return () => true;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return (index) => ((bytes[(offset + index) >> 3]! >> ((offset + index) & 7)) & 1) === 1;
}

// ---------------------------------------------------------------------------------------------
// Encoders: one a column (and one a nested member), each appending rows of DuckDB vectors and
// finishing into Arrow Data.

interface ColumnEncoder {
  readonly field: Field;
  /** Appends rows [start, start + count) of the vector. */
  append(vector: DuckDBVector, start: number, count: number): void;
  /** Marks an appended row null (a union's unselected member). */
  setNull(row: number): void;
  /** Bytes gathered so far. */
  readonly byteLength: number;
  /** The rows appended since the last call, as Arrow Data. */
  finish(): Data;
}

/**
 * apache-arrow's IPC writer leaves a falsy field name out, and its reader then gives null, where
 * DuckDB writes "" (unnamed struct members, array elements) and cellFormat reads ''. Its string
 * encoder also takes UTF-8 bytes, and an empty byte array is truthy: written as "".
 */
function arrowField(name: string, type: DataType, nullable: boolean, metadata?: Map<string, string>): Field {
  return new Field(name === '' ? (new Uint8Array(0) as unknown as string) : name, type, nullable, metadata);
}

function extension(name: string, duckdbType?: string): Map<string, string> {
  // DuckDB's own convention for the types Arrow has no slot for: an opaque extension with its name.
  if (!duckdbType) return new Map([['ARROW:extension:name', name]]);
  return new Map([
    ['ARROW:extension:name', name],
    ['ARROW:extension:metadata', JSON.stringify({ type_name: duckdbType, vendor_name: 'DuckDB' })],
  ]);
}

function createEncoder(type: DuckDBType, name: string, rowsHint: number, lossless: boolean): ColumnEncoder {
  const field = (arrowType: DataType, metadata?: Map<string, string>): Field => arrowField(name, arrowType, true, metadata);
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new BoolEncoder(field(new Bool()), rowsHint);
    case DuckDBTypeId.TINYINT:
      return new FixedWidthEncoder(field(new Int8()), 1, rowsHint, copyRows);
    case DuckDBTypeId.SMALLINT:
      return new FixedWidthEncoder(field(new Int16()), 2, rowsHint, copyRows);
    case DuckDBTypeId.INTEGER:
      return new FixedWidthEncoder(field(new Int32()), 4, rowsHint, copyRows);
    case DuckDBTypeId.BIGINT:
      return new FixedWidthEncoder(field(new Int64()), 8, rowsHint, copyRows);
    case DuckDBTypeId.UTINYINT:
      return new FixedWidthEncoder(field(new Uint8()), 1, rowsHint, copyRows);
    case DuckDBTypeId.USMALLINT:
      return new FixedWidthEncoder(field(new Uint16()), 2, rowsHint, copyRows);
    case DuckDBTypeId.UINTEGER:
      return new FixedWidthEncoder(field(new Uint32()), 4, rowsHint, copyRows);
    case DuckDBTypeId.UBIGINT:
      return new FixedWidthEncoder(field(new Uint64()), 8, rowsHint, copyRows);
    case DuckDBTypeId.FLOAT:
      return new FixedWidthEncoder(field(new Float32()), 4, rowsHint, copyRows);
    case DuckDBTypeId.DOUBLE:
      return new FixedWidthEncoder(field(new Float64()), 8, rowsHint, copyRows);
    case DuckDBTypeId.HUGEINT:
      // hugeint_t is {uint64 lower, int64 upper}: on a little-endian machine, a 128-bit two's complement.
      // Into an engine it goes as DuckDB's opaque hugeint: a Decimal(38,0) would become DECIMAL(38,0),
      // whose range is smaller (duckdb-wasm refuses -2^127 with "Negation of HUGEINT is out of range").
      if (lossless) return new FixedWidthEncoder(field(new FixedSizeBinary(16), extension('arrow.opaque', 'hugeint')), 16, rowsHint, copyRows);
      return new FixedWidthEncoder(field(new Decimal(0, 38, 128)), 16, rowsHint, copyRows);
    case DuckDBTypeId.UHUGEINT:
      return new FixedWidthEncoder(field(new FixedSizeBinary(16), extension('arrow.opaque', 'uhugeint')), 16, rowsHint, copyRows);
    case DuckDBTypeId.DECIMAL:
      return decimalEncoder(type, field, rowsHint);
    case DuckDBTypeId.VARCHAR:
      return new StringEncoder(field(new Utf8(), type.alias === 'JSON' ? extension('arrow.json') : undefined), rowsHint);
    case DuckDBTypeId.BLOB:
      return new StringEncoder(field(new Binary()), rowsHint);
    case DuckDBTypeId.BIT:
      return new StringEncoder(field(new Binary(), extension('arrow.opaque', 'bit')), rowsHint);
    case DuckDBTypeId.BIGNUM:
      // DuckDB's BIGNUM bytes (3-byte header, big-endian magnitude) are what wasm sends too.
      return new StringEncoder(field(new Binary(), extension('arrow.opaque', 'bignum')), rowsHint);
    case DuckDBTypeId.UUID:
      return new FixedWidthEncoder(field(new FixedSizeBinary(16), extension('arrow.uuid')), 16, rowsHint, copyUuids);
    case DuckDBTypeId.DATE:
      return new FixedWidthEncoder(field(new DateDay()), 4, rowsHint, copyRows);
    case DuckDBTypeId.TIME:
      return new FixedWidthEncoder(field(new Time(TimeUnit.MICROSECOND, 64)), 8, rowsHint, copyRows);
    case DuckDBTypeId.TIME_NS:
      return new FixedWidthEncoder(field(new Time(TimeUnit.NANOSECOND, 64)), 8, rowsHint, copyRows);
    case DuckDBTypeId.TIME_TZ:
      // The raw 64 bits (µs << 24 | MAX_OFFSET - offset), as DuckDB sends them with lossless conversion on.
      return new FixedWidthEncoder(field(new FixedSizeBinary(8), extension('arrow.opaque', 'time_tz')), 8, rowsHint, copyRows);
    case DuckDBTypeId.TIMESTAMP:
      return new FixedWidthEncoder(field(new Timestamp(TimeUnit.MICROSECOND)), 8, rowsHint, copyRows);
    case DuckDBTypeId.TIMESTAMP_S:
      return new FixedWidthEncoder(field(new Timestamp(TimeUnit.SECOND)), 8, rowsHint, copyRows);
    case DuckDBTypeId.TIMESTAMP_MS:
      return new FixedWidthEncoder(field(new Timestamp(TimeUnit.MILLISECOND)), 8, rowsHint, copyRows);
    case DuckDBTypeId.TIMESTAMP_NS:
      return new FixedWidthEncoder(field(new Timestamp(TimeUnit.NANOSECOND)), 8, rowsHint, copyRows);
    case DuckDBTypeId.TIMESTAMP_TZ:
      // Stored as UTC microseconds; cellFormat prints any zoned timestamp with "+00", as wasm's "UTC" reads.
      return new FixedWidthEncoder(field(new Timestamp(TimeUnit.MICROSECOND, 'UTC')), 8, rowsHint, copyRows);
    case DuckDBTypeId.INTERVAL:
      return new FixedWidthEncoder(field(new Interval(IntervalUnit.MONTH_DAY_NANO)), 16, rowsHint, copyIntervals);
    case DuckDBTypeId.ENUM:
      return new EnumEncoder(type, name, rowsHint);
    case DuckDBTypeId.LIST:
      return listEncoder(type, name, rowsHint, lossless);
    case DuckDBTypeId.ARRAY:
      return arrayEncoder(type, name, rowsHint, lossless);
    case DuckDBTypeId.STRUCT:
      return structEncoder(type, name, rowsHint, lossless);
    case DuckDBTypeId.MAP:
      return mapEncoder(type, name, rowsHint, lossless);
    case DuckDBTypeId.UNION:
      return new UnionEncoder(type, name, rowsHint, lossless);
    default:
      throw new Error(`DuckDB type ${type.toString()} cannot be sent as Arrow`);
  }
}

/** Copies `count` rows from row `from` of `source` into `target` at row `to`, both `width` bytes a row in `target`. */
type RowCopier = (source: Uint8Array, from: number, target: Uint8Array, to: number, count: number, width: number) => void;

const copyRows: RowCopier = (source, from, target, to, count, width) => {
  target.set(source.subarray(from * width, (from + count) * width), to * width);
};

/**
 * DuckDB keeps a UUID as a hugeint with its top bit flipped (so they sort as signed numbers),
 * little-endian; arrow.uuid is the 16 bytes in big-endian order.
 */
const copyUuids: RowCopier = (source, from, target, to, count) => {
  for (let i = 0; i < count; i++) {
    const s = (from + i) * 16;
    const t = (to + i) * 16;
    for (let k = 0; k < 16; k++) target[t + k] = source[s + 15 - k]!;
    target[t] = target[t]! ^ 0x80;
  }
};

/** DuckDB's interval is (months, days, micros); Arrow's MONTH_DAY_NANO wants nanoseconds. */
const copyIntervals: RowCopier = (source, from, target, to, count) => {
  const sourceWords = typedView(Int32Array, source);
  const sourceLongs = typedView(BigInt64Array, source);
  const targetWords = typedView(Int32Array, target);
  const targetLongs = typedView(BigInt64Array, target);
  for (let i = 0; i < count; i++) {
    const s = from + i;
    const t = to + i;
    targetWords[4 * t] = sourceWords[4 * s]!;
    targetWords[4 * t + 1] = sourceWords[4 * s + 1]!;
    // Past ±2^63 ns (about 292 years of time part) this wraps, as DuckDB's own Arrow export does.
    targetLongs[2 * t + 1] = BigInt.asIntN(64, sourceLongs[2 * s + 1]! * 1000n);
  }
};

/** Sign-extends DuckDB's 16/32/64-bit decimal storage into the 128-bit words Arrow (and wasm) use. */
function widenDecimals(sourceWidth: 2 | 4 | 8): RowCopier {
  return (source, from, target, to, count) => {
    const words = typedView(Int32Array, target);
    if (sourceWidth === 8) {
      const pairs = typedView(Int32Array, source);
      for (let i = 0; i < count; i++) {
        const high = pairs[2 * (from + i) + 1]!;
        const t = 4 * (to + i);
        words[t] = pairs[2 * (from + i)]!;
        words[t + 1] = high;
        words[t + 2] = words[t + 3] = high >> 31;
      }
      return;
    }
    const values = sourceWidth === 2 ? typedView(Int16Array, source) : typedView(Int32Array, source);
    for (let i = 0; i < count; i++) {
      const value = values[from + i]!;
      const t = 4 * (to + i);
      words[t] = value;
      words[t + 1] = words[t + 2] = words[t + 3] = value >> 31;
    }
  };
}

function decimalEncoder(type: DuckDBDecimalType, field: (type: DataType) => Field, rowsHint: number): ColumnEncoder {
  const arrowField = field(new Decimal(type.scale, type.width, 128));
  if (type.width <= 4) return new FixedWidthEncoder(arrowField, 16, rowsHint, widenDecimals(2));
  if (type.width <= 9) return new FixedWidthEncoder(arrowField, 16, rowsHint, widenDecimals(4));
  if (type.width <= 18) return new FixedWidthEncoder(arrowField, 16, rowsHint, widenDecimals(8));
  return new FixedWidthEncoder(arrowField, 16, rowsHint, copyRows);
}

class FixedWidthEncoder implements ColumnEncoder {
  private readonly validity: Validity;
  private readonly values: ByteBuffer;
  private rows = 0;

  constructor(
    readonly field: Field,
    private readonly width: number,
    rowsHint: number,
    private readonly copy: RowCopier,
  ) {
    this.validity = new Validity(rowsHint);
    this.values = new ByteBuffer(rowsHint * width);
  }

  append(vector: DuckDBVector, start: number, count: number): void {
    this.validity.append(vector, start, count);
    this.values.reserve(count * this.width);
    // Every copier reads whole rows from the start of the buffer; rows past the end stay unread.
    this.copy(dataBytes(vector), start, this.values.bytes, this.rows, count, this.width);
    this.values.length += count * this.width;
    this.rows += count;
  }

  setNull(row: number): void {
    this.validity.clear(row);
  }

  get byteLength(): number {
    return this.values.length + this.validity.byteLength;
  }

  finish(): Data {
    const length = this.rows;
    this.rows = 0;
    const data = makeData({ type: this.field.type, length, ...this.validity.take(), data: this.values.take() } as never) as Data;
    if (this.field.type instanceof Interval && this.field.type.unit === IntervalUnit.MONTH_DAY_NANO) {
      return new MonthDayNanoData(data.type, 0, length, data.nullCount, [undefined, data.values, data.nullBitmap] as never);
    }
    return data;
  }
}

/**
 * apache-arrow 17 takes a MONTH_DAY_NANO interval for 12 bytes a row; it is 16, and the IPC writer
 * copies length × stride words, so the last quarter of the rows would be lost. Slicing (as the
 * writer does to a list's child) clones the Data, so the right stride must survive cloning.
 */
class MonthDayNanoData extends Data {
  constructor(...args: ConstructorParameters<typeof Data>) {
    super(...args);
    (this as { stride: number }).stride = 4;
  }

  override clone<R extends DataType = DataType>(
    type?: R,
    offset = this.offset,
    length = this.length,
    nullCount = this.nullCount,
    buffers: unknown = this,
    children = this.children,
  ): Data<R> {
    return new MonthDayNanoData(type ?? this.type, offset, length, nullCount, buffers as never, children) as unknown as Data<R>;
  }
}

class BoolEncoder implements ColumnEncoder {
  private readonly validity: Validity;
  private readonly values: BitBuffer;
  private rows = 0;

  constructor(
    readonly field: Field,
    rowsHint: number,
  ) {
    this.validity = new Validity(rowsHint);
    this.values = new BitBuffer(rowsHint);
  }

  append(vector: DuckDBVector, start: number, count: number): void {
    this.validity.append(vector, start, count);
    const bytes = dataBytes(vector);
    // DuckDB's bool is sizeof(bool) bytes, one on every platform it builds for; derived to be safe.
    const stride = vector.itemCount > 0 ? bytes.byteLength / vector.itemCount : 1;
    this.values.appendBytesAsBits(bytes, stride, start, count);
    this.rows += count;
  }

  setNull(row: number): void {
    this.validity.clear(row);
  }

  get byteLength(): number {
    return (this.rows >> 2) + 2;
  }

  finish(): Data {
    const length = this.rows;
    this.rows = 0;
    return makeData({ type: new Bool(), length, ...this.validity.take(), data: this.values.take() });
  }
}

/** VARCHAR, BLOB, BIT, BIGNUM: DuckDB's 16-byte string_t a row, its bytes copied out as they are. */
class StringEncoder implements ColumnEncoder {
  private readonly validity: Validity;
  private offsets: Int32Array;
  private readonly values: ByteBuffer;
  private rows = 0;

  constructor(
    readonly field: Field,
    private readonly rowsHint: number,
  ) {
    this.validity = new Validity(rowsHint);
    this.offsets = new Int32Array(rowsHint + 1);
    this.values = new ByteBuffer(rowsHint * 8);
  }

  append(vector: DuckDBVector, start: number, count: number): void {
    this.validity.append(vector, start, count);
    if (this.offsets.length < this.rows + count + 1) {
      const grown = new Int32Array(Math.max(this.rows + count + 1, this.offsets.length * 2));
      grown.set(this.offsets.subarray(0, this.rows + 1));
      this.offsets = grown;
    }
    const strings = dataBytes(vector);
    const lengths = typedView(Uint32Array, strings);
    const isValid = validityReader(vector);
    const outOfLine = new OutOfLineStrings(lengths, start, count, (row) => isValid(row) && lengths[row * 4]! > 12);
    const offsets = this.offsets;
    const values = this.values;
    let end = values.length;
    for (let i = 0; i < count; i++) {
      const row = start + i;
      if (isValid(row)) {
        const length = lengths[row * 4]!;
        values.reserve(length);
        if (length <= 12) {
          // Short strings sit inline, after their length.
          const from = row * 16 + 4;
          const target = values.bytes;
          for (let k = 0; k < length; k++) target[end + k] = strings[from + k]!;
        } else {
          values.bytes.set(outOfLine.bytes(row, length), end);
        }
        end += length;
        values.length = end;
      }
      offsets[this.rows + i + 1] = end;
    }
    this.rows += count;
  }

  setNull(row: number): void {
    this.validity.clear(row);
  }

  get byteLength(): number {
    return this.values.length + this.rows * 4;
  }

  finish(): Data {
    const length = this.rows;
    const valueOffsets = this.offsets.subarray(0, length + 1);
    this.offsets = new Int32Array(this.rowsHint + 1);
    this.rows = 0;
    return makeData({ type: this.field.type as Utf8, length, ...this.validity.take(), valueOffsets, data: this.values.take() });
  }
}

class EnumEncoder implements ColumnEncoder {
  readonly field: Field;
  private readonly indices: FixedWidthEncoder;
  /** One dictionary for every batch, so the stream carries it once. */
  private readonly dictionary: Vector;

  constructor(type: DuckDBEnumType, name: string, rowsHint: number) {
    const [indexType, width] =
      type.internalTypeId === DuckDBTypeId.UTINYINT ? [new Uint8(), 1] : type.internalTypeId === DuckDBTypeId.USMALLINT ? [new Uint16(), 2] : [new Uint32(), 4];
    this.field = arrowField(name, new Dictionary(new Utf8(), indexType), true);
    this.indices = new FixedWidthEncoder(arrowField(name, indexType, true), width, rowsHint, copyRows);
    const encoded = type.values.map((value) => new TextEncoder().encode(value));
    const valueOffsets = new Int32Array(encoded.length + 1);
    const data = new Uint8Array(encoded.reduce((sum, bytes) => sum + bytes.length, 0));
    encoded.forEach((bytes, i) => {
      data.set(bytes, valueOffsets[i]!);
      valueOffsets[i + 1] = valueOffsets[i]! + bytes.length;
    });
    this.dictionary = new Vector([makeData({ type: new Utf8(), length: encoded.length, nullCount: 0, valueOffsets, data })]);
  }

  append(vector: DuckDBVector, start: number, count: number): void {
    this.indices.append(vector, start, count);
  }

  setNull(row: number): void {
    this.indices.setNull(row);
  }

  get byteLength(): number {
    return this.indices.byteLength;
  }

  finish(): Data {
    const indices = this.indices.finish();
    return makeData({
      type: this.field.type as Dictionary,
      length: indices.length,
      nullCount: indices.nullCount,
      nullBitmap: indices.nullBitmap,
      data: indices.values as Uint8Array,
      dictionary: this.dictionary,
    });
  }
}

/** LIST and MAP: offsets over a child encoder that receives the referenced element ranges. */
class ListEncoder implements ColumnEncoder {
  private readonly validity: Validity;
  private offsets: Int32Array;
  private rows = 0;
  private childRows = 0;

  constructor(
    readonly field: Field,
    private readonly child: ColumnEncoder,
    /** node-api's MAP vector wraps its LIST vector. */
    private readonly listOf: (vector: DuckDBVector) => DuckDBVector,
    private readonly rowsHint: number,
  ) {
    this.validity = new Validity(rowsHint);
    this.offsets = new Int32Array(rowsHint + 1);
  }

  append(vector: DuckDBVector, start: number, count: number): void {
    const list = this.listOf(vector);
    this.validity.append(list, start, count);
    if (this.offsets.length < this.rows + count + 1) {
      const grown = new Int32Array(Math.max(this.rows + count + 1, this.offsets.length * 2));
      grown.set(this.offsets.subarray(0, this.rows + 1));
      this.offsets = grown;
    }
    const { entryData, childData } = raw(list);
    if (!entryData || !childData) throw new Error('node-api list vector without entries');
    // (offset, length) as uint64 pairs; a chunk's child vector is far below 2^32 rows, so the low
    // words of the little-endian pairs are the values.
    const entries = new Uint32Array(entryData.buffer, entryData.byteOffset, entryData.length * 2);
    const isValid = validityReader(list);
    // Elements usually follow one another; contiguous ranges go to the child in one append.
    let runStart = 0;
    let runEnd = 0;
    let total = this.childRows;
    for (let i = 0; i < count; i++) {
      const row = start + i;
      if (isValid(row)) {
        const offset = entries[row * 4]!;
        const length = entries[row * 4 + 2]!;
        if (length > 0) {
          if (offset !== runEnd) {
            if (runEnd > runStart) this.child.append(childData, runStart, runEnd - runStart);
            runStart = offset;
            runEnd = offset;
          }
          runEnd += length;
          total += length;
        }
      }
      this.offsets[this.rows + i + 1] = total;
    }
    if (runEnd > runStart) this.child.append(childData, runStart, runEnd - runStart);
    this.childRows = total;
    this.rows += count;
  }

  setNull(row: number): void {
    this.validity.clear(row);
  }

  get byteLength(): number {
    return this.rows * 4 + this.child.byteLength;
  }

  finish(): Data {
    const length = this.rows;
    const valueOffsets = this.offsets.subarray(0, length + 1);
    this.offsets = new Int32Array(this.rowsHint + 1);
    this.rows = 0;
    this.childRows = 0;
    return makeData({ type: this.field.type as List, length, ...this.validity.take(), valueOffsets, child: this.child.finish() });
  }
}

function listEncoder(type: DuckDBListType, name: string, rowsHint: number, lossless: boolean): ColumnEncoder {
  const child = createEncoder(type.valueType, 'l', rowsHint, lossless);
  return new ListEncoder(arrowField(name, new List(child.field), true), child, (vector) => vector, rowsHint);
}

function mapEncoder(type: DuckDBMapType, name: string, rowsHint: number, lossless: boolean): ColumnEncoder {
  const key = createEncoder(type.keyType, 'key', rowsHint, lossless);
  const value = createEncoder(type.valueType, 'value', rowsHint, lossless);
  // Arrow requires non-null entries and keys; DuckDB's map keys are never null.
  const keyField = arrowField('key', key.field.type, false, key.field.metadata);
  const entries = new StructEncoder(arrowField('entries', new Struct([keyField, value.field]), false), [key, value], rowsHint);
  const listOf = (vector: DuckDBVector): DuckDBVector => {
    const list = raw(vector).listVector;
    if (!list) throw new Error('node-api map vector without its list');
    return list;
  };
  return new ListEncoder(arrowField(name, new Map_(entries.field), true), entries, listOf, rowsHint);
}

class FixedSizeListEncoder implements ColumnEncoder {
  private readonly validity: Validity;
  private rows = 0;

  constructor(
    readonly field: Field,
    private readonly child: ColumnEncoder,
    private readonly size: number,
    rowsHint: number,
  ) {
    this.validity = new Validity(rowsHint);
  }

  append(vector: DuckDBVector, start: number, count: number): void {
    this.validity.append(vector, start, count);
    const { childData } = raw(vector);
    if (!childData) throw new Error('node-api array vector without its child');
    this.child.append(childData, start * this.size, count * this.size);
    this.rows += count;
  }

  setNull(row: number): void {
    this.validity.clear(row);
  }

  get byteLength(): number {
    return this.child.byteLength;
  }

  finish(): Data {
    const length = this.rows;
    this.rows = 0;
    return makeData({ type: this.field.type as FixedSizeList, length, ...this.validity.take(), child: this.child.finish() });
  }
}

function arrayEncoder(type: DuckDBArrayType, name: string, rowsHint: number, lossless: boolean): ColumnEncoder {
  const child = createEncoder(type.valueType, '', rowsHint * type.length, lossless);
  return new FixedSizeListEncoder(arrowField(name, new FixedSizeList(type.length, child.field), true), child, type.length, rowsHint);
}

class StructEncoder implements ColumnEncoder {
  private readonly validity: Validity;
  private rows = 0;

  constructor(
    readonly field: Field,
    private readonly members: readonly ColumnEncoder[],
    rowsHint: number,
  ) {
    this.validity = new Validity(rowsHint);
  }

  append(vector: DuckDBVector, start: number, count: number): void {
    this.validity.append(vector, start, count);
    const { entryVectors } = raw(vector);
    if (!entryVectors) throw new Error('node-api struct vector without members');
    this.members.forEach((member, i) => member.append(entryVectors[i]!, start, count));
    this.rows += count;
  }

  setNull(row: number): void {
    this.validity.clear(row);
  }

  get byteLength(): number {
    return this.members.reduce((sum, member) => sum + member.byteLength, 0);
  }

  finish(): Data {
    const length = this.rows;
    this.rows = 0;
    return makeData({ type: this.field.type as Struct, length, ...this.validity.take(), children: this.members.map((member) => member.finish()) });
  }
}

function structEncoder(type: DuckDBStructType, name: string, rowsHint: number, lossless: boolean): ColumnEncoder {
  // Unnamed structs (row(1, 'a')) keep their empty names: cellFormat prints them as tuples.
  const members = type.entryTypes.map((entry, i) => createEncoder(entry, type.entryNames[i]!, rowsHint, lossless));
  return new StructEncoder(arrowField(name, new Struct(members.map((member) => member.field)), true), members, rowsHint);
}

/**
 * A sparse union, like DuckDB's export: every member has every row, the type id picks one. Arrow
 * unions have no validity of their own, so a NULL union is member 0 with that row null.
 */
class UnionEncoder implements ColumnEncoder {
  readonly field: Field;
  private readonly members: ColumnEncoder[];
  private readonly typeIds: ByteBuffer;
  private rows = 0;

  constructor(type: DuckDBUnionType, name: string, rowsHint: number, lossless: boolean) {
    this.members = type.memberTypes.map((member, i) => createEncoder(member, type.memberTags[i]!, rowsHint, lossless));
    this.field = arrowField(name, new SparseUnion(type.memberTypes.map((_, i) => i), this.members.map((member) => member.field)), true);
    this.typeIds = new ByteBuffer(rowsHint);
  }

  append(vector: DuckDBVector, start: number, count: number): void {
    const struct = raw(vector).structVector;
    const entries = struct && raw(struct).entryVectors;
    if (!struct || !entries) throw new Error('node-api union vector without its members');
    this.members.forEach((member, i) => member.append(entries[i + 1]!, start, count));
    const tags = dataBytes(entries[0]!);
    const unionValid = validityReader(struct);
    const tagValid = validityReader(entries[0]!);
    this.typeIds.reserve(count);
    const ids = this.typeIds.bytes;
    for (let i = 0; i < count; i++) {
      const row = start + i;
      const at = this.rows + i;
      if (unionValid(row) && tagValid(row)) {
        ids[at] = tags[row]!;
      } else {
        ids[at] = 0;
        this.members[0]!.setNull(at);
      }
    }
    this.typeIds.length += count;
    this.rows += count;
  }

  setNull(row: number): void {
    this.typeIds.bytes[row] = 0;
    this.members[0]!.setNull(row);
  }

  get byteLength(): number {
    return this.rows + this.members.reduce((sum, member) => sum + member.byteLength, 0);
  }

  finish(): Data {
    const length = this.rows;
    this.rows = 0;
    const typeIds = this.typeIds.take();
    return makeData({
      type: this.field.type as SparseUnion,
      length,
      nullCount: 0,
      typeIds: new Int8Array(typeIds.buffer, typeIds.byteOffset, length),
      children: this.members.map((member) => member.finish()),
    });
  }
}
