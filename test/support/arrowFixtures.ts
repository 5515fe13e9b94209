/**
 * Arrow IPC files made by the tests: one column of every Arrow type the native engine imports,
 * each with an ordinary value, an edge value and a NULL (nested types hold NULLs inside too).
 */
import {
  Binary,
  Bool,
  DateDay,
  DateMillisecond,
  Decimal,
  DenseUnion,
  Dictionary,
  Duration,
  Field,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  Interval,
  IntervalUnit,
  LargeBinary,
  LargeUtf8,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Time,
  TimeUnit,
  Timestamp,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  Vector,
  makeData,
  tableToIPC,
  type Data,
  type DataType,
} from 'apache-arrow';

const rows = 3;
/** Rows 0 and 1 valid, row 2 null. */
const lastNull = (): { nullCount: number; nullBitmap: Uint8Array } => ({ nullCount: 1, nullBitmap: Uint8Array.of(0b011) });

function fixed<T extends DataType>(type: T, data: ArrayLike<number> | ArrayLike<bigint>, valid = lastNull(), length = rows): Data<T> {
  return makeData({ type, length, ...valid, data } as never) as unknown as Data<T>;
}

function strings<T extends Utf8 | LargeUtf8 | Binary | LargeBinary>(type: T, values: (Uint8Array | string)[], large: boolean, valid = lastNull()): Data<T> {
  const bytes = values.map((value) => (typeof value === 'string' ? new TextEncoder().encode(value) : value));
  const offsets = large ? new BigInt64Array(bytes.length + 1) : new Int32Array(bytes.length + 1);
  const data = new Uint8Array(bytes.reduce((sum, b) => sum + b.length, 0));
  let at = 0;
  bytes.forEach((b, i) => {
    data.set(b, at);
    at += b.length;
    offsets[i + 1] = (large ? BigInt(at) : at) as never;
  });
  return makeData({ type, length: bytes.length, ...valid, valueOffsets: offsets, data } as never) as unknown as Data<T>;
}

/** Little-endian 128-bit two's complement, as Arrow's Decimal stores it. */
function decimalWords(values: bigint[]): Uint32Array {
  const words = new Uint32Array(values.length * 4);
  values.forEach((value, i) => {
    const unsigned = BigInt.asUintN(128, value);
    for (let w = 0; w < 4; w++) words[i * 4 + w] = Number((unsigned >> BigInt(32 * w)) & 0xffffffffn);
  });
  return words;
}

function column(name: string, data: Data): [Field, Data] {
  return [new Field(name, data.type, true), data];
}

/** Every supported type, three rows each; the third row is NULL. */
export function allTypesTable(): Table {
  const utf8 = strings(new Utf8(), ['héllo', 'a "quoted" \u{1F600}', ''], false);
  const int32Child = fixed(new Int32(), Int32Array.of(1, 2, 0, 3), { nullCount: 1, nullBitmap: Uint8Array.of(0b1011) }, 4);
  const listData = makeData({ type: new List(new Field('item', new Int32(), true)), length: rows, ...lastNull(), valueOffsets: Int32Array.of(0, 3, 4, 4), child: int32Child });
  const fslChild = fixed(new Float64(), Float64Array.of(1.5, -2, 3, 0, 0, 0), { nullCount: 3, nullBitmap: Uint8Array.of(0b000111) }, 6);
  const fslData = makeData({ type: new FixedSizeList(2, new Field('item', new Float64(), true)), length: rows, ...lastNull(), child: fslChild });
  const structType = new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)]);
  const structData = makeData({
    type: structType,
    length: rows,
    ...lastNull(),
    children: [fixed(new Int32(), Int32Array.of(7, 0, 0), { nullCount: 2, nullBitmap: Uint8Array.of(0b001) }), strings(new Utf8(), ['x', '', ''], false, { nullCount: 2, nullBitmap: Uint8Array.of(0b001) })],
  });
  const dictionary = new Vector([strings(new Utf8(), ['red', 'green', 'blue'], false, { nullCount: 0, nullBitmap: new Uint8Array(0) })]);
  const dictData = makeData({ type: new Dictionary(new Utf8(), new Int32()), length: rows, ...lastNull(), data: Int32Array.of(2, 0, 0), dictionary });
  const listOfStruct = makeData({
    type: new List(new Field('item', structType, true)),
    length: rows,
    ...lastNull(),
    valueOffsets: Int32Array.of(0, 1, 3, 3),
    child: makeData({
      type: structType,
      length: 3,
      nullCount: 1,
      nullBitmap: Uint8Array.of(0b101),
      children: [fixed(new Int32(), Int32Array.of(1, 0, 3), { nullCount: 0, nullBitmap: new Uint8Array(0) }), strings(new Utf8(), ['p', '', 'q'], false, { nullCount: 0, nullBitmap: new Uint8Array(0) })],
    }),
  });
  const columns: [Field, Data][] = [
    column('bool', fixed(new Bool(), Uint8Array.of(0b001))),
    column('i8', fixed(new Int8(), Int8Array.of(-128, 127, 0))),
    column('i16', fixed(new Int16(), Int16Array.of(-32768, 32767, 0))),
    column('i32', fixed(new Int32(), Int32Array.of(-2147483648, 2147483647, 0))),
    column('i64', fixed(new Int64(), BigInt64Array.of(-9223372036854775808n, 9007199254740993n, 0n))),
    column('u8', fixed(new Uint8(), Uint8Array.of(0, 255, 0))),
    column('u16', fixed(new Uint16(), Uint16Array.of(1, 65535, 0))),
    column('u32', fixed(new Uint32(), Uint32Array.of(2, 4294967295, 0))),
    column('u64', fixed(new Uint64(), BigUint64Array.of(3n, 18446744073709551615n, 0n))),
    // Half floats: 1.5 and -2 as IEEE 754 binary16 bits.
    column('f16', fixed(new Float16(), Uint16Array.of(0x3e00, 0xc000, 0))),
    column('f32', fixed(new Float32(), Float32Array.of(1.5, -0.25, 0))),
    column('f64', fixed(new Float64(), Float64Array.of(3.141592653589793, -1e300, 0))),
    column('dec', fixed(new Decimal(2, 10, 128), decimalWords([12345n, -1n, 0n]))),
    column('dec_wide', fixed(new Decimal(4, 38, 128), decimalWords([12345678901234567890123456789012345678n, -5n, 0n]))),
    column('utf8', utf8),
    column('large_utf8', strings(new LargeUtf8(), ['long', 'ünïcode', ''], true)),
    column('binary', strings(new Binary(), [Uint8Array.of(0, 255, 65), new Uint8Array(0), new Uint8Array(0)], false)),
    column('large_binary', strings(new LargeBinary(), [Uint8Array.of(1, 2), Uint8Array.of(66), new Uint8Array(0)], true)),
    column('date_day', fixed(new DateDay(), Int32Array.of(19723, -1, 0))),
    column('date_ms', fixed(new DateMillisecond(), BigInt64Array.of(1704067200000n, -86400000n, 0n))),
    column('time_s', fixed(new Time(TimeUnit.SECOND, 32), Int32Array.of(3661, 86399, 0))),
    column('time_ms', fixed(new Time(TimeUnit.MILLISECOND, 32), Int32Array.of(3661001, 0, 0))),
    column('time_us', fixed(new Time(TimeUnit.MICROSECOND, 64), BigInt64Array.of(3661000001n, 86399999999n, 0n))),
    column('time_ns', fixed(new Time(TimeUnit.NANOSECOND, 64), BigInt64Array.of(3661000001000n, 1n, 0n))),
    column('ts_s', fixed(new Timestamp(TimeUnit.SECOND), BigInt64Array.of(1704067200n, -1n, 0n))),
    column('ts_ms', fixed(new Timestamp(TimeUnit.MILLISECOND), BigInt64Array.of(1704067200123n, -1n, 0n))),
    column('ts_us', fixed(new Timestamp(TimeUnit.MICROSECOND), BigInt64Array.of(1704067200123456n, -1n, 0n))),
    column('ts_ns', fixed(new Timestamp(TimeUnit.NANOSECOND), BigInt64Array.of(1704067200123456789n, -1n, 0n))),
    column('ts_tz', fixed(new Timestamp(TimeUnit.MICROSECOND, 'UTC'), BigInt64Array.of(1704067200123456n, 0n, 0n))),
    column('ts_tz_ms', fixed(new Timestamp(TimeUnit.MILLISECOND, '+02:00'), BigInt64Array.of(1704067200123n, 0n, 0n))),
    column('interval_ym', fixed(new Interval(IntervalUnit.YEAR_MONTH), Int32Array.of(14, -1, 0))),
    column('interval_dt', fixed(new Interval(IntervalUnit.DAY_TIME), Int32Array.of(3, 1500, -1, 0, 0, 0))),
    column('interval_mdn', fixed(new Interval(IntervalUnit.MONTH_DAY_NANO), Int32Array.of(1, 2, 3000, 0, 0, 0, 0, 0, 0, 0, 0, 0))),
    column('duration_s', fixed(new Duration(TimeUnit.SECOND), BigInt64Array.of(90061n, -1n, 0n))),
    column('duration_ms', fixed(new Duration(TimeUnit.MILLISECOND), BigInt64Array.of(1500n, 0n, 0n))),
    column('duration_us', fixed(new Duration(TimeUnit.MICROSECOND), BigInt64Array.of(1n, 86400000000n, 0n))),
    column('duration_ns', fixed(new Duration(TimeUnit.NANOSECOND), BigInt64Array.of(1000n, 0n, 0n))),
    column('dict', dictData),
    column('list', listData),
    column('fixed_list', fslData),
    column('struct', structData),
    column('list_of_struct', listOfStruct),
  ];
  const schema = new Schema(columns.map(([field]) => field));
  return new Table(schema, new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows, nullCount: 0, children: columns.map(([, data]) => data) })));
}

/** The table as Arrow IPC file bytes (or stream bytes). */
export function allTypesIpc(format: 'file' | 'stream' = 'file'): Uint8Array {
  return tableToIPC(allTypesTable(), format);
}

/** A file with a column of a type the native engine does not import (a dense union), beside a plain one. */
export function unsupportedTypeIpc(): Uint8Array {
  const member = fixed(new Int32(), Int32Array.of(1, 2), { nullCount: 0, nullBitmap: new Uint8Array(0) }, 2);
  const union = makeData({
    type: new DenseUnion([0], [new Field('n', new Int32(), true)]),
    length: 2,
    nullCount: 0,
    typeIds: Int8Array.of(0, 0),
    valueOffsets: Int32Array.of(0, 1),
    children: [member],
  });
  const id = fixed(new Int32(), Int32Array.of(1, 2), { nullCount: 0, nullBitmap: new Uint8Array(0) }, 2);
  const schema = new Schema([new Field('id', new Int32(), true), new Field('choice', union.type, true)]);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 2, nullCount: 0, children: [id, union] }));
  return tableToIPC(new Table(schema, batch), 'file');
}
