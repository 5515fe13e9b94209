/**
 * Arrow IPC files (file or stream format) imported into a table of the native instance. This
 * DuckDB build has no `arrow` extension (it cannot be installed offline), so apache-arrow reads
 * the file batch by batch and node-api's appender writes the rows: memory holds one batch at a time.
 *
 * Types become what duckdb-wasm's Arrow import makes of them, so a table reads the same on both
 * engines:
 *
 *   Bool                              BOOLEAN
 *   Int8…Int64, Uint8…Uint64          TINYINT…BIGINT, UTINYINT…UBIGINT
 *   Float16, Float32, Float64         FLOAT, FLOAT, DOUBLE (wasm cannot read Float16 at all)
 *   Decimal (128-bit, precision ≤ 38) DECIMAL(p,s)
 *   Utf8, LargeUtf8                   VARCHAR
 *   Binary, LargeBinary               BLOB
 *   Date (day, millisecond)           DATE
 *   Time (s, ms, µs, ns)              TIME (nanoseconds truncated to microseconds, as wasm)
 *   Timestamp s|ms|µs|ns, no zone     TIMESTAMP_S | TIMESTAMP_MS | TIMESTAMP | TIMESTAMP_NS
 *   Timestamp with any zone           TIMESTAMP WITH TIME ZONE (µs; the instant is kept, the zone name is not)
 *   Interval (all units), Duration    INTERVAL (durations as microseconds, as wasm)
 *   Dictionary<int, Utf8>             VARCHAR (as wasm; other dictionaries: their value type)
 *   List, FixedSizeList               LIST, ARRAY (apache-arrow 17 has no LargeList)
 *   Struct                            STRUCT
 *   Map                               MAP
 *   FixedSizeBinary(16) `arrow.uuid`  UUID
 *   DuckDB's own extensions (`arrow.opaque`, as duckdb-wasm sends them with lossless conversion):
 *     hugeint, uhugeint (16 bytes)    HUGEINT, UHUGEINT
 *     time_tz (8 bytes)               TIMETZ
 *
 * Anything else (unions, other fixed-size binary, 256-bit decimals…) is refused with the column
 * and the type named. Any other extension type is imported as its storage type (a `bit` extension
 * over Binary becomes BLOB): `columnsRetyped` names such columns, for callers that must keep
 * every type (the in-app engine's typed exports).
 */
import {
  ARRAY,
  arrayValue,
  BIGINT,
  BLOB,
  blobValue,
  BOOLEAN,
  DATE,
  dateValue,
  DECIMAL,
  decimalValue,
  DOUBLE,
  DuckDBDataChunk,
  FLOAT,
  HUGEINT,
  INTEGER,
  INTERVAL,
  intervalValue,
  LIST,
  listValue,
  MAP,
  mapValue,
  SMALLINT,
  STRUCT,
  structValue,
  TIME,
  TIMETZ,
  timeTZValue,
  TIMESTAMP,
  TIMESTAMP_MS,
  TIMESTAMP_NS,
  TIMESTAMP_S,
  timestampMillisValue,
  timestampNanosValue,
  timestampSecondsValue,
  TIMESTAMPTZ,
  timestampTZValue,
  timestampValue,
  timeValue,
  TINYINT,
  UBIGINT,
  UHUGEINT,
  UINTEGER,
  USMALLINT,
  UTINYINT,
  UUID,
  uuidValue,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  DataType,
  DateUnit,
  IntervalUnit,
  Precision,
  RecordBatchReader,
  type RecordBatch,
  TimeUnit,
  Type,
  type Data,
  type Date_,
  type Decimal,
  type Dictionary,
  type Duration,
  type Field,
  type FixedSizeBinary,
  type FixedSizeList,
  type Float,
  type Int,
  type Interval,
  type Schema,
  type Time,
  type Timestamp,
} from 'apache-arrow';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { quoteIdentifier } from '../../../shared/sql/identifiers';
import { arrowMagicBytes, arrowReadFailure } from '../../../shared/formats/arrowIpcDamage';
import { createTranslator } from '../../../shared/i18n/translate';

/** The attached in-memory database that holds imported tables (hidden from the catalog). */
export const importsDatabase = 'imports';

/** DuckDB's vector size: the most rows a data chunk holds. */
const chunkRows = 2048;

/** How one Arrow column becomes a DuckDB column: its type, and its value at a row (null handled by the caller). */
interface ColumnImport {
  type: DuckDBType;
  read(data: Data, row: number): DuckDBValue;
}

/** A file the native engine cannot import, with the column and type at fault. */
export class UnsupportedArrowType extends Error {}

/**
 * The Arrow files imported into one instance, by table name. A file is imported again only when
 * its path, size or modification time changed; a reopened instance starts with none.
 */
export class ArrowImports {
  private readonly stamps = new Map<string, string>();

  constructor(private readonly connection: DuckDBConnection) {}

  /** Makes `imports.main.<table>` hold the file's rows; true when it had to (re)import. */
  async sync(table: string, filePath: string): Promise<boolean> {
    const info = await stat(filePath);
    const stamp = JSON.stringify([filePath, info.size, info.mtimeMs]);
    if (this.stamps.get(table) === stamp) return false;
    this.stamps.delete(table);
    await importArrowFile(this.connection, filePath, table);
    this.stamps.set(table, stamp);
    return true;
  }

  async drop(table: string): Promise<void> {
    if (!this.stamps.delete(table)) return;
    await this.connection.run(`DROP TABLE IF EXISTS ${importsDatabase}.main.${quoteIdentifier(table)}`).catch(() => undefined);
  }
}

const t = createTranslator();

/** A damaged or truncated file, in words the user can act on (apache-arrow's own errors name its internals). */
async function damaged(handle: FileHandle, error: unknown): Promise<Error> {
  const { size } = await handle.stat();
  const head = new Uint8Array(arrowMagicBytes);
  const tail = new Uint8Array(arrowMagicBytes);
  await handle.read(head, 0, head.length, 0);
  await handle.read(tail, 0, tail.length, Math.max(0, size - tail.length));
  const { key, params } = arrowReadFailure(head, tail, error);
  return new Error(t(key, params));
}

async function openReader(handle: FileHandle) {
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    return reader;
  } catch (error) {
    throw await damaged(handle, error);
  }
}

/** The reader's batches, its failures told as the file's (the loop's own failures pass through). */
async function* batchesOf(reader: AsyncIterable<RecordBatch>, handle: FileHandle): AsyncGenerator<RecordBatch> {
  const batches = reader[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<RecordBatch>;
    try {
      next = await batches.next();
    } catch (error) {
      throw await damaged(handle, error);
    }
    if (next.done) return;
    yield next.value;
  }
}

/** Where an import writes its table: by default the hidden `imports` database. */
export interface ImportPlace {
  database: string;
  /** Called with the file's schema before any table is made: throw to refuse the file. */
  check?(schema: Schema): void;
  /** Called after each record batch is appended: throw to stop (the table is dropped). */
  afterBatch?(): void;
}

/** Creates (or replaces) `<database>.main.<table>` with the rows of the Arrow IPC file at `filePath`. */
export async function importArrowFile(
  connection: DuckDBConnection,
  filePath: string,
  table: string,
  place: ImportPlace = { database: importsDatabase },
): Promise<{ rowCount: number }> {
  const handle = await open(filePath, 'r');
  const target = `${quoteIdentifier(place.database)}.main.${quoteIdentifier(table)}`;
  try {
    const reader = await openReader(handle);
    place.check?.(reader.schema);
    const fields = reader.schema.fields;
    const columns = fields.map((field) => columnImport(field.type, field.name, field.metadata));
    const definitions = fields.map((field, i) => `${quoteIdentifier(field.name)} ${columns[i]!.type.toString()}`);
    await connection.run(`CREATE OR REPLACE TABLE ${target} (${definitions.join(', ')})`);
    const appender = await connection.createAppender(table, 'main', place.database);
    let rowCount = 0;
    try {
      for await (const batch of batchesOf(reader, handle)) {
        const children = batch.data.children;
        for (let start = 0; start < batch.numRows; start += chunkRows) {
          const count = Math.min(chunkRows, batch.numRows - start);
          const chunk = DuckDBDataChunk.create(
            columns.map((column) => column.type),
            count,
          );
          columns.forEach((column, c) => {
            const data = children[c]!;
            const values: DuckDBValue[] = new Array<DuckDBValue>(count);
            for (let i = 0; i < count; i++) values[i] = valueAt(column, data, start + i);
            chunk.setColumnValues(c, values);
          });
          appender.appendDataChunk(chunk);
          rowCount += count;
        }
        place.afterBatch?.();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return { rowCount };
  } catch (error) {
    await connection.run(`DROP TABLE IF EXISTS ${target}`).catch(() => undefined);
    throw error;
  } finally {
    await handle.close();
  }
}

/**
 * The columns of `schema` that would not arrive with their type: those the mapping refuses, and
 * those carrying (at any depth) an extension type the mapping does not turn into its DuckDB type,
 * so that it would import only the storage (a BIT as BLOB). Empty when every type travels.
 */
export function columnsRetyped(schema: Schema): string[] {
  return schema.fields
    .filter((field) => {
      try {
        columnImport(field.type, field.name, field.metadata);
      } catch (error) {
        if (error instanceof UnsupportedArrowType) return true;
        throw error;
      }
      return carriesUnknownExtension(field);
    })
    .map((field) => field.name);
}

function carriesUnknownExtension(field: Field): boolean {
  const extension = extensionOf(field.metadata);
  if (extension !== null && extensionImport(extension, field.type) === null) return true;
  return (field.type.children ?? []).some((child: Field) => carriesUnknownExtension(child));
}

const extensionKey = 'ARROW:extension:name';

/** A field's extension type: its name, or for DuckDB's `arrow.opaque` the DuckDB type it names (`hugeint`…). */
function extensionOf(metadata: ReadonlyMap<string, string> | undefined): string | null {
  const name = metadata?.get(extensionKey);
  if (!name) return null;
  if (name !== 'arrow.opaque') return name;
  try {
    const parsed = JSON.parse(metadata?.get('ARROW:extension:metadata') ?? '') as { type_name?: unknown; vendor_name?: unknown };
    return parsed.vendor_name === 'DuckDB' && typeof parsed.type_name === 'string' ? parsed.type_name.toLowerCase() : name;
  } catch {
    return name;
  }
}

/** DuckDB's TIMETZ packs the offset as (max offset − offset) in its low 24 bits. */
const timeTzMaxOffset = 16 * 60 * 60 - 1;

/** The extension types the mapping keeps as their DuckDB type; null for any other. */
function extensionImport(extension: string, type: DataType): ColumnImport | null {
  const width = type.typeId === Type.FixedSizeBinary ? (type as FixedSizeBinary).byteWidth : 0;
  /** The fixed-width value's bytes as a little-endian unsigned integer (big-endian for UUIDs). */
  const unsignedAt = (data: Data, row: number, littleEndian: boolean): bigint => {
    const bytes = (data.values as Uint8Array).subarray(row * width, (row + 1) * width);
    let value = 0n;
    for (let i = 0; i < width; i++) value = (value << 8n) | BigInt(bytes[littleEndian ? width - 1 - i : i]!);
    return value;
  };
  if (extension === 'arrow.uuid' && width === 16) return { type: UUID, read: (data, row) => uuidValue(unsignedAt(data, row, false)) };
  if (extension === 'hugeint' && width === 16) return { type: HUGEINT, read: (data, row) => BigInt.asIntN(128, unsignedAt(data, row, true)) };
  if (extension === 'uhugeint' && width === 16) return { type: UHUGEINT, read: (data, row) => unsignedAt(data, row, true) };
  if (extension === 'time_tz' && width === 8) {
    return {
      type: TIMETZ,
      read: (data, row) => {
        const bits = unsignedAt(data, row, true);
        return timeTZValue(bits >> 24n, timeTzMaxOffset - Number(bits & 0xffffffn));
      },
    };
  }
  return null;
}

function valueAt(column: ColumnImport, data: Data, row: number): DuckDBValue {
  return data.getValid(row) ? column.read(data, row) : null;
}

const microsPer: Record<TimeUnit, bigint> = {
  [TimeUnit.SECOND]: 1_000_000n,
  [TimeUnit.MILLISECOND]: 1_000n,
  [TimeUnit.MICROSECOND]: 1n,
  [TimeUnit.NANOSECOND]: 0n,
};

/** A count of `unit` as microseconds (nanoseconds truncated). */
function toMicros(value: bigint, unit: TimeUnit): bigint {
  return unit === TimeUnit.NANOSECOND ? value / 1000n : value * microsPer[unit];
}

/** Values of a 64-bit column, whichever typed array arrow-js chose. */
function int64At(data: Data, row: number): bigint {
  return BigInt((data.values as BigInt64Array | Int32Array)[row]!);
}

function columnImport(type: DataType, column: string, metadata?: ReadonlyMap<string, string>): ColumnImport {
  const extension = extensionOf(metadata);
  const kept = extension === null ? null : extensionImport(extension, type);
  if (kept) return kept;
  const refuse = (): never => {
    throw new UnsupportedArrowType(`Column "${column}" has the Arrow type ${String(type)}, which the native engine cannot import.`);
  };
  const numeric = (duckdb: DuckDBType): ColumnImport => ({ type: duckdb, read: (data, row) => (data.values as Int32Array)[row]! });
  const big = (duckdb: DuckDBType): ColumnImport => ({ type: duckdb, read: (data, row) => (data.values as BigInt64Array)[row]! });
  switch (type.typeId) {
    case Type.Bool:
      return {
        type: BOOLEAN,
        read: (data, row) => {
          const at = data.offset + row;
          return (((data.values as Uint8Array)[at >> 3]! >> (at & 7)) & 1) === 1;
        },
      };
    case Type.Int: {
      const { bitWidth, isSigned } = type as Int;
      if (bitWidth === 64) return big(isSigned ? BIGINT : UBIGINT);
      const duckdb = { 8: [TINYINT, UTINYINT], 16: [SMALLINT, USMALLINT], 32: [INTEGER, UINTEGER] }[bitWidth];
      return duckdb ? numeric(duckdb[isSigned ? 0 : 1]!) : refuse();
    }
    case Type.Float: {
      const { precision } = type as Float;
      if (precision === Precision.HALF) return { type: FLOAT, read: (data, row) => halfToNumber((data.values as Uint16Array)[row]!) };
      return numeric(precision === Precision.SINGLE ? FLOAT : DOUBLE);
    }
    case Type.Decimal: {
      const { scale, precision, bitWidth } = type as Decimal;
      if (bitWidth !== 128 || precision > 38) return refuse();
      return {
        type: DECIMAL(precision, scale),
        read: (data, row) => {
          const words = data.values as Uint32Array;
          let value = 0n;
          for (let w = 3; w >= 0; w--) value = (value << 32n) | BigInt(words[row * 4 + w]!);
          return decimalValue(BigInt.asIntN(128, value), precision, scale);
        },
      };
    }
    case Type.Utf8:
    case Type.LargeUtf8: {
      const decoder = new TextDecoder();
      return { type: VARCHAR, read: (data, row) => decoder.decode(bytesAt(data, row)) };
    }
    case Type.Binary:
    case Type.LargeBinary:
      return { type: BLOB, read: (data, row) => blobValue(bytesAt(data, row).slice()) };
    case Type.Date:
      if ((type as Date_).unit === DateUnit.DAY) return { type: DATE, read: (data, row) => dateValue((data.values as Int32Array)[row]!) };
      return { type: DATE, read: (data, row) => dateValue(Number(floorDiv(int64At(data, row), 86_400_000n))) };
    case Type.Time: {
      const { unit } = type as Time;
      return { type: TIME, read: (data, row) => timeValue(toMicros(BigInt((data.values as Int32Array | BigInt64Array)[row]!), unit)) };
    }
    case Type.Timestamp: {
      const { unit, timezone } = type as Timestamp;
      if (timezone) return { type: TIMESTAMPTZ, read: (data, row) => timestampTZValue(toMicros(int64At(data, row), unit)) };
      switch (unit) {
        case TimeUnit.SECOND:
          return { type: TIMESTAMP_S, read: (data, row) => timestampSecondsValue(int64At(data, row)) };
        case TimeUnit.MILLISECOND:
          return { type: TIMESTAMP_MS, read: (data, row) => timestampMillisValue(int64At(data, row)) };
        case TimeUnit.MICROSECOND:
          return { type: TIMESTAMP, read: (data, row) => timestampValue(int64At(data, row)) };
        case TimeUnit.NANOSECOND:
          return { type: TIMESTAMP_NS, read: (data, row) => timestampNanosValue(int64At(data, row)) };
      }
      return refuse();
    }
    case Type.Interval: {
      const { unit } = type as Interval;
      const words = (data: Data): Int32Array => data.values as Int32Array;
      switch (unit) {
        case IntervalUnit.YEAR_MONTH:
          return { type: INTERVAL, read: (data, row) => intervalValue(words(data)[row * data.stride]!, 0, 0n) };
        case IntervalUnit.DAY_TIME:
          return { type: INTERVAL, read: (data, row) => intervalValue(0, words(data)[row * 2]!, BigInt(words(data)[row * 2 + 1]!) * 1000n) };
        case IntervalUnit.MONTH_DAY_NANO:
          return {
            type: INTERVAL,
            read: (data, row) => {
              const w = words(data);
              const nanos = (BigInt(w[row * 4 + 3]!) << 32n) | BigInt(w[row * 4 + 2]! >>> 0);
              return intervalValue(w[row * 4]!, w[row * 4 + 1]!, nanos / 1000n);
            },
          };
      }
      return refuse();
    }
    case Type.Duration: {
      const { unit } = type as Duration;
      return { type: INTERVAL, read: (data, row) => intervalValue(0, 0, toMicros(int64At(data, row), unit)) };
    }
    case Type.Dictionary: {
      const { dictionary } = type as Dictionary;
      const values = columnImport(dictionary, column);
      return {
        type: values.type,
        read: (data, row) => {
          const index = Number((data.values as Int32Array | BigInt64Array)[row]!);
          const vector = data.dictionary!;
          // The dictionary's own chunks (delta batches append to it).
          let at = index;
          for (const chunk of vector.data) {
            if (at < chunk.length) return valueAt(values, chunk, at);
            at -= chunk.length;
          }
          throw new Error(`Column "${column}": dictionary index ${index} out of range.`);
        },
      };
    }
    case Type.List: {
      const child = (type as DataType & { children: Field[] }).children[0]!;
      const element = columnImport(child.type, column, child.metadata);
      return {
        type: LIST(element.type),
        read: (data, row) => {
          const offsets = data.valueOffsets as Int32Array | BigInt64Array;
          const child = data.children[0]!;
          const from = Number(offsets[row]!);
          const to = Number(offsets[row + 1]!);
          const items: DuckDBValue[] = [];
          for (let i = from; i < to; i++) items.push(valueAt(element, child, i));
          return listValue(items);
        },
      };
    }
    case Type.FixedSizeList: {
      const { listSize, children } = type as FixedSizeList;
      const element = columnImport(children[0]!.type, column, children[0]!.metadata);
      return {
        type: ARRAY(element.type, listSize),
        read: (data, row) => {
          const child = data.children[0]!;
          const items: DuckDBValue[] = [];
          for (let i = row * listSize; i < (row + 1) * listSize; i++) items.push(valueAt(element, child, i));
          return arrayValue(items);
        },
      };
    }
    case Type.Struct: {
      const members = (type as DataType & { children: Field[] }).children.map((field) => ({ name: field.name, import: columnImport(field.type, column, field.metadata) }));
      return {
        type: STRUCT(Object.fromEntries(members.map((member) => [member.name, member.import.type]))),
        read: (data, row) =>
          structValue(Object.fromEntries(members.map((member, i) => [member.name, valueAt(member.import, data.children[i]!, row)]))),
      };
    }
    case Type.Map: {
      const entries = (type as DataType & { children: Field[] }).children[0]!;
      const [keyField, valueField] = entries.type.children as Field[];
      const key = columnImport(keyField!.type, column, keyField!.metadata);
      const value = columnImport(valueField!.type, column, valueField!.metadata);
      return {
        type: MAP(key.type, value.type),
        read: (data, row) => {
          const offsets = data.valueOffsets as Int32Array;
          const entryData = data.children[0]!;
          const [keys, values] = entryData.children;
          const items: { key: DuckDBValue; value: DuckDBValue }[] = [];
          for (let i = offsets[row]!; i < offsets[row + 1]!; i++) items.push({ key: valueAt(key, keys!, i), value: valueAt(value, values!, i) });
          return mapValue(items);
        },
      };
    }
    default:
      return refuse();
  }
}

/** The bytes of a string or binary value (32- or 64-bit offsets). */
function bytesAt(data: Data, row: number): Uint8Array {
  const offsets = data.valueOffsets as Int32Array | BigInt64Array;
  return (data.values as Uint8Array).subarray(Number(offsets[row]!), Number(offsets[row + 1]!));
}

function floorDiv(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  return value % divisor !== 0n && value < 0n !== divisor < 0n ? quotient - 1n : quotient;
}

/** An IEEE 754 half-precision float from its 16 bits. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
