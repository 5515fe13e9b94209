/**
 * Turns the values of a DuckDB result, as Arrow delivers them, into the text the results grid shows:
 * the same text DuckDB itself gives for `CAST(x AS VARCHAR)`.
 *
 * Everything keys on `typeId` and plain buffer reads rather than `instanceof`, because duckdb-wasm
 * may build its tables with its own copy of apache-arrow.
 */
import { Type, Vector, type DataType } from 'apache-arrow';
import { quoteIdentifierIfNeeded } from '../sql/identifiers';

export type CellKind = 'null' | 'number' | 'text' | 'boolean' | 'temporal' | 'binary' | 'nested';

export interface FormattedCell {
  text: string;
  kind: CellKind;
}

/** The part of an Arrow `Data` chunk this module reads; structural, so any apache-arrow copy fits. */
export interface ArrowDataLike {
  readonly type: DataType;
  readonly length: number;
  readonly offset: number;
  readonly values: unknown;
  readonly valueOffsets: unknown;
  readonly typeIds: unknown;
  readonly children: readonly ArrowDataLike[];
  readonly dictionary?: unknown;
  getValid(index: number): boolean;
}

/** The part of an Arrow `Vector` this module reads. */
export interface ArrowVectorLike {
  readonly data: readonly ArrowDataLike[];
}

export interface CellFormatter {
  /** Formats what `vector.get(i)` returned. */
  (value: unknown): FormattedCell;
  /**
   * Formats row `index` of `vector` straight from its buffers. Prefer this: `get()` hands back
   * timestamps as float milliseconds (sub-microsecond digits lost, far years and ±infinity throw)
   * and, in apache-arrow 17, garbles MONTH_DAY_NANO intervals; the buffers hold the exact values.
   */
  at(vector: ArrowVectorLike, index: number): FormattedCell;
}

type Metadata = ReadonlyMap<string, string>;

const NULL_TEXT = 'NULL';
const nullCell: FormattedCell = Object.freeze({ text: NULL_TEXT, kind: 'null' });

/**
 * How one Arrow type turns into text. `nested` marks the types whose text DuckDB does not quote
 * when they sit inside a list, struct or map; every other type's text is quoted there when needed.
 */
interface Renderer {
  readonly kind: CellKind;
  readonly nested: boolean;
  /** Text of the non-null value at `index` of `data`. */
  fromData(data: ArrowDataLike, index: number): string;
  /** Text of a non-null value as `get()` returned it. */
  fromValue(value: unknown): string;
  /** Kind of one cell, where it depends on the value (unions). */
  kindAt?(data: ArrowDataLike, index: number): CellKind;
}

export function createCellFormatter(type: DataType, metadata?: Metadata): CellFormatter {
  const renderer = rendererFor(type, metadata);
  const { kind } = renderer;
  const formatter = ((value: unknown): FormattedCell => {
    if (value === null || value === undefined) return nullCell;
    return { text: renderer.fromValue(value), kind: renderer.kindAt ? kindOfValue(value) : kind };
  }) as CellFormatter;
  formatter.at = (vector: ArrowVectorLike, index: number): FormattedCell => {
    const located = locate(vector, index);
    if (!located) return nullCell;
    const [data, i] = located;
    if (!data.getValid(i)) return nullCell;
    return { text: renderer.fromData(data, i), kind: renderer.kindAt ? renderer.kindAt(data, i) : kind };
  };
  return formatter;
}

function locate(vector: ArrowVectorLike, index: number): [ArrowDataLike, number] | null {
  const chunks = vector.data;
  let i = index;
  for (const chunk of chunks) {
    if (i < chunk.length) return i >= 0 ? [chunk, i] : null;
    i -= chunk.length;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Choosing a renderer

function rendererFor(type: DataType, metadata?: Metadata): Renderer {
  const extension = extensionOf(metadata);
  const t = type as DataType & Record<string, unknown>;
  switch (type.typeId) {
    case Type.Null:
      return nullRenderer;
    case Type.Bool:
      return boolRenderer;
    case Type.Int:
      return (t['bitWidth'] as number) === 64 ? bigIntRenderer : smallIntRenderer;
    case Type.Float:
      return (t['precision'] as number) === 2 ? doubleRenderer : (t['precision'] as number) === 1 ? floatRenderer : halfFloatRenderer;
    case Type.Decimal:
      return decimalRenderer(t['precision'] as number, t['scale'] as number, ((t['bitWidth'] as number | undefined) ?? 128) / 32);
    case Type.Utf8:
    case Type.LargeUtf8:
      return utf8Renderer;
    case Type.Binary:
    case Type.LargeBinary:
      if (extension === 'bit') return bitRenderer;
      if (extension === 'bignum' || extension === 'varint') return bignumRenderer;
      return blobRenderer;
    case Type.FixedSizeBinary: {
      const width = t['byteWidth'] as number;
      if (extension === 'arrow.uuid' && width === 16) return uuidRenderer;
      if (extension === 'hugeint' && width === 16) return int128Renderer(true);
      if (extension === 'uhugeint' && width === 16) return int128Renderer(false);
      if (extension === 'time_tz' && width === 8) return timeTzRenderer;
      return fixedBlobRenderer(width);
    }
    case Type.Date:
      return (t['unit'] as number) === 0 ? dateDayRenderer : dateMillisecondRenderer;
    case Type.Time:
      return timeRenderer(unitsPerSecond(t['unit'] as number));
    case Type.Timestamp:
      return timestampRenderer(t['unit'] as number, t['timezone'] !== null && t['timezone'] !== undefined && t['timezone'] !== '');
    case Type.Interval:
      return intervalRenderer(t['unit'] as number);
    case Type.Duration:
      return durationRenderer(unitsPerSecond(t['unit'] as number));
    case Type.List:
      return listRenderer(childField(type, 0));
    case Type.FixedSizeList:
      return fixedListRenderer(childField(type, 0), t['listSize'] as number);
    case Type.Struct:
      return structRenderer(type.children ?? []);
    case Type.Map:
      return mapRenderer(childField(type, 0));
    case Type.Union:
      return unionRenderer(type);
    case Type.Dictionary:
      return dictionaryRenderer(t['dictionary'] as DataType);
    default:
      return fallbackRenderer;
  }
}

interface FieldLike {
  readonly name: string;
  readonly type: DataType;
  readonly metadata?: Metadata;
}

function childField(type: DataType, index: number): FieldLike {
  const field = (type.children as FieldLike[] | undefined)?.[index];
  if (!field) throw new Error(`Arrow type ${String(type)} has no child ${index}`);
  return field;
}

/** DuckDB marks the types Arrow has no slot for (UHUGEINT, BIT, BIGNUM…) as `arrow.opaque` extensions. */
function extensionOf(metadata?: Metadata): string | null {
  const name = metadata?.get('ARROW:extension:name');
  if (!name) return null;
  if (name !== 'arrow.opaque') return name;
  try {
    const parsed = JSON.parse(metadata?.get('ARROW:extension:metadata') ?? '') as { type_name?: unknown };
    return typeof parsed.type_name === 'string' ? parsed.type_name.toLowerCase() : name;
  } catch {
    return name;
  }
}

// ---------------------------------------------------------------------------------------------
// Scalars

const nullRenderer: Renderer = {
  kind: 'null',
  nested: false,
  fromData: () => NULL_TEXT,
  fromValue: () => NULL_TEXT,
};

const boolRenderer: Renderer = {
  kind: 'boolean',
  nested: false,
  fromData(data, index) {
    const bit = data.offset + index;
    return ((data.values as Uint8Array)[bit >> 3]! >> (bit & 7)) & 1 ? 'true' : 'false';
  },
  fromValue: (value) => (value ? 'true' : 'false'),
};

const smallIntRenderer: Renderer = {
  kind: 'number',
  nested: false,
  fromData: (data, index) => String((data.values as Int32Array)[index]),
  fromValue: (value) => String(value),
};

const bigIntRenderer: Renderer = {
  kind: 'number',
  nested: false,
  fromData: (data, index) => String((data.values as BigInt64Array)[index]),
  fromValue: (value) => String(value),
};

const doubleRenderer: Renderer = {
  kind: 'number',
  nested: false,
  fromData: (data, index) => formatDouble((data.values as Float64Array)[index]!),
  fromValue: (value) => formatDouble(Number(value)),
};

const floatRenderer: Renderer = {
  kind: 'number',
  nested: false,
  fromData: (data, index) => formatFloat((data.values as Float32Array)[index]!),
  fromValue: (value) => formatFloat(Number(value)),
};

/** DuckDB has no half float; should Arrow bring one, it reads as the FLOAT it widens to. */
const halfFloatRenderer: Renderer = {
  kind: 'number',
  nested: false,
  fromData: (data, index) => formatFloat(halfToNumber((data.values as Uint16Array)[index]!)),
  fromValue: (value) => formatFloat(Number(value)),
};

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const utf8Renderer: Renderer = {
  kind: 'text',
  nested: false,
  fromData: (data, index) => decodeUtf8(bytesAt(data, index)),
  fromValue: (value) => String(value),
};

const blobRenderer: Renderer = {
  kind: 'binary',
  nested: false,
  fromData: (data, index) => formatBlob(bytesAt(data, index)),
  fromValue: (value) => formatBlob(asBytes(value)),
};

function fixedBlobRenderer(width: number): Renderer {
  return {
    kind: 'binary',
    nested: false,
    fromData: (data, index) => formatBlob(fixedBytesAt(data, index, width)),
    fromValue: (value) => formatBlob(asBytes(value)),
  };
}

const bitRenderer: Renderer = {
  kind: 'binary',
  nested: false,
  fromData: (data, index) => formatBit(bytesAt(data, index)),
  fromValue: (value) => formatBit(asBytes(value)),
};

const bignumRenderer: Renderer = {
  kind: 'number',
  nested: false,
  fromData: (data, index) => formatBignum(bytesAt(data, index)),
  fromValue: (value) => formatBignum(asBytes(value)),
};

const uuidRenderer: Renderer = {
  kind: 'text',
  nested: false,
  fromData: (data, index) => formatUuid(fixedBytesAt(data, index, 16)),
  fromValue: (value) => (typeof value === 'string' ? value : formatUuid(asBytes(value))),
};

function int128Renderer(signed: boolean): Renderer {
  const text = (bytes: Uint8Array): string => {
    let result = 0n;
    for (let i = 15; i >= 0; i--) result = (result << 8n) | BigInt(bytes[i]!);
    if (signed && bytes[15]! & 0x80) result -= 1n << 128n;
    return result.toString();
  };
  return {
    kind: 'number',
    nested: false,
    fromData: (data, index) => text(fixedBytesAt(data, index, 16)),
    fromValue: (value) => (typeof value === 'bigint' ? value.toString() : text(asBytes(value))),
  };
}

function bytesAt(data: ArrowDataLike, index: number): Uint8Array {
  const offsets = data.valueOffsets as Int32Array | BigInt64Array;
  const start = Number(offsets[index]);
  const end = Number(offsets[index + 1]);
  return (data.values as Uint8Array).subarray(start, end);
}

function fixedBytesAt(data: ArrowDataLike, index: number, width: number): Uint8Array {
  return (data.values as Uint8Array).subarray(index * width, (index + 1) * width);
}

function asBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return new TextEncoder().encode(value);
  return new Uint8Array(0);
}

const utf8Decoder = new TextDecoder();

function decodeUtf8(bytes: Uint8Array): string {
  // Most cells are short ASCII: building the string directly beats a TextDecoder call.
  if (bytes.length <= 24) {
    let ascii = '';
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte >= 0x80) return utf8Decoder.decode(bytes);
      ascii += String.fromCharCode(byte);
    }
    return ascii;
  }
  return utf8Decoder.decode(bytes);
}

// DuckDB writes printable ASCII as is and every other byte, plus the quote characters and the
// backslash that would make the text ambiguous, as \xHH.
const blobByteText: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  byte >= 0x20 && byte <= 0x7e && byte !== 0x5c && byte !== 0x27 && byte !== 0x22
    ? String.fromCharCode(byte)
    : `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`,
);

function formatBlob(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += blobByteText[bytes[i]!];
  return text;
}

/** DuckDB's BIT: a first byte counting the padding bits that open the second. */
function formatBit(bytes: Uint8Array): string {
  const padding = bytes[0] ?? 0;
  let text = '';
  for (let i = 1; i < bytes.length; i++) {
    const byte = bytes[i]!;
    for (let bit = i === 1 ? padding : 0; bit < 8; bit++) text += (byte >> (7 - bit)) & 1 ? '1' : '0';
  }
  return text;
}

/**
 * DuckDB's BIGNUM: a 3-byte header whose top bit is set for non-negative numbers, then the
 * magnitude big-endian; a negative number is stored with every byte inverted.
 */
function formatBignum(bytes: Uint8Array): string {
  if (bytes.length < 3) return '';
  const negative = (bytes[0]! & 0x80) === 0;
  let hex = '';
  for (let i = 3; i < bytes.length; i++) {
    const byte = negative ? ~bytes[i]! & 0xff : bytes[i]!;
    hex += byte.toString(16).padStart(2, '0');
  }
  const magnitude = hex === '' ? 0n : BigInt(`0x${hex}`);
  return negative && magnitude !== 0n ? `-${magnitude}` : magnitude.toString();
}

function formatUuid(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += bytes[i]!.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------------
// Floating point: DuckDB prints the shortest text that reads back as the same value, fixed-point
// for decimal exponents -4..15 (with ".0" on whole numbers) and scientific ("1e+16") otherwise.

function formatDouble(value: number): string {
  if (!Number.isFinite(value) || value === 0) return specialFloat(value);
  return layoutShortest(value.toExponential());
}

function formatFloat(value: number): string {
  if (!Number.isFinite(value) || value === 0) return specialFloat(value);
  const asDouble = value.toExponential();
  // The shortest digits that round back to the same float32; a float has at most 9 significant digits.
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = value.toExponential(digits - 1);
    if (Math.fround(Number(candidate)) === value) {
      return layoutShortest(candidate === asDouble || !floatShortestGivesUp(value) ? candidate : asDouble);
    }
  }
  return layoutShortest(asDouble);
}

const floatView = new Float32Array(1);
const floatBits = new Uint32Array(floatView.buffer);

/**
 * DuckDB prints a FLOAT with fmt's Grisu shortest algorithm, which gives up when, at the shortest
 * length that reaches the rounding interval, the nearest candidate lies exactly on the interval's
 * edge or two candidates are equally near. fmt then prints the value's shortest DOUBLE text
 * (2979859.75, not 2979859.8). Decided here exactly, in integers scaled to the float's grid.
 */
function floatShortestGivesUp(value: number): boolean {
  floatView[0] = Math.abs(value);
  const bits = floatBits[0]!;
  const biased = bits >>> 23;
  const mantissa = biased === 0 ? bits & 0x7fffff : (bits & 0x7fffff) | 0x800000;
  const exponent = (biased === 0 ? 1 : biased) - 150;
  const top = Math.floor(Math.log10(Math.abs(value)));
  const lowestStep = top - 10;
  // Everything is multiplied by 2^shift2 * 10^shift10 so that the value, the half-gaps to its
  // neighbours and every decimal step tried are integers.
  const shift2 = Math.max(0, 2 - exponent);
  const tens = 10n ** BigInt(Math.max(0, -lowestStep));
  const v = (BigInt(mantissa) << BigInt(exponent + shift2)) * tens;
  const above = (1n << BigInt(exponent - 1 + shift2)) * tens;
  // Just above a power of two the gap below is half the gap above.
  const below = mantissa === 0x800000 && biased > 1 ? above >> 1n : above;
  for (let k = top + 1; k >= lowestStep; k--) {
    const step = 10n ** BigInt(k + Math.max(0, -lowestStep)) << BigInt(shift2);
    const low = (v / step) * step;
    if (low === v) return false;
    const high = low + step;
    const toLow = v - low;
    const toHigh = high - v;
    if (toLow > below && toHigh > above) continue;
    if (toLow === toHigh) return true;
    return toLow < toHigh ? toLow === below : toHigh === above;
  }
  return false;
}

function specialFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return Object.is(value, -0) ? '-0.0' : '0.0';
}

/** Lays out `toExponential()` text ("-1.25e+3") DuckDB's way. */
function layoutShortest(exponential: string): string {
  const e = exponential.indexOf('e');
  const negative = exponential.startsWith('-');
  const digits = exponential.slice(negative ? 1 : 0, e).replace('.', '').replace(/0+$/, '') || '0';
  const exponent = Number(exponential.slice(e + 1));
  const sign = negative ? '-' : '';
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole}.${fraction || '0'}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const magnitude = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude}`;
}

// ---------------------------------------------------------------------------------------------
// Decimals (and HUGEINT, which duckdb-wasm sends as DECIMAL(38,0)): two's-complement words,
// little-endian, read exactly, never through a float.

function decimalRenderer(precision: number, scale: number, words: number): Renderer {
  // DuckDB writes no "0" before the point when the type has no integer digits: DECIMAL(2,2) 0.5 is ".50".
  const point = { scale, leadingZero: precision > scale };
  return {
    kind: 'number',
    nested: false,
    fromData: (data, index) => decimalFromWords(data.values as Uint32Array, index * words, words, point),
    fromValue(value) {
      if (typeof value === 'bigint') return scaleDigits(value, point);
      if (ArrayBuffer.isView(value) && (value as Uint32Array).BYTES_PER_ELEMENT === 4) {
        const view = value as Uint32Array;
        return decimalFromWords(view, 0, view.length, point);
      }
      return String(value);
    },
  };
}

interface DecimalPoint {
  scale: number;
  leadingZero: boolean;
}

function decimalFromWords(values: Uint32Array, start: number, count: number, scale: DecimalPoint): string {
  const low = values[start]!;
  const mid = values[start + 1] ?? 0;
  // Most decimals fit in 53 bits: skip BigInt when every word above bit 53 is pure sign extension.
  let upperZero = mid < 0x200000;
  let upperOnes = mid >= 0xffe00000;
  for (let k = 2; k < count && (upperZero || upperOnes); k++) {
    const word = values[start + k]!;
    upperZero &&= word === 0;
    upperOnes &&= word === 0xffffffff;
  }
  if (upperZero) return scaleNumber(mid * 0x100000000 + low, scale);
  if (upperOnes) return scaleNumber((mid - 0x100000000) * 0x100000000 + low, scale);
  let unscaled = 0n;
  for (let k = count - 1; k >= 0; k--) unscaled = (unscaled << 32n) | BigInt(values[start + k]!);
  if (values[start + count - 1]! & 0x80000000) unscaled -= 1n << BigInt(32 * count);
  return scaleDigits(unscaled, scale);
}

function scaleNumber(unscaled: number, point: DecimalPoint): string {
  return insertPoint(unscaled < 0 ? String(-unscaled) : String(unscaled), unscaled < 0, point);
}

function scaleDigits(unscaled: bigint, point: DecimalPoint): string {
  return insertPoint((unscaled < 0n ? -unscaled : unscaled).toString(), unscaled < 0n, point);
}

function insertPoint(digits: string, negative: boolean, { scale, leadingZero }: DecimalPoint): string {
  const sign = negative ? '-' : '';
  if (scale <= 0) return sign + digits;
  if (digits.length <= scale) return `${sign}${leadingZero ? '0' : ''}.${digits.padStart(scale, '0')}`;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

// ---------------------------------------------------------------------------------------------
// Dates and times: proleptic Gregorian calendar, no time zone, as DuckDB keeps them.

const DAY_INFINITY = 2147483647;
const INT64_MAX = 9223372036854775807n;
const MS_PER_DAY = 86400000;

const dateDayRenderer: Renderer = {
  kind: 'temporal',
  nested: false,
  fromData: (data, index) => formatDateDays((data.values as Int32Array)[index]!),
  // get() multiplies days into milliseconds, which past 2^53 ms may round: back to the nearest day.
  fromValue: (value) => formatDateDays(Math.round(Number(value) / MS_PER_DAY)),
};

const dateMillisecondRenderer: Renderer = {
  kind: 'temporal',
  nested: false,
  fromData: (data, index) => formatDateDays(Math.floor(Number((data.values as BigInt64Array)[index]) / MS_PER_DAY)),
  fromValue: (value) => formatDateDays(Math.floor(Number(value) / MS_PER_DAY)),
};

function formatDateDays(days: number): string {
  if (days === DAY_INFINITY) return 'infinity';
  if (days === -DAY_INFINITY) return '-infinity';
  // Days to civil date (H. Hinnant's algorithm), exact for any int32 day count.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const monthDay = `-${two(month)}-${two(day)}`;
  // Year 0 is 1 BC; DuckDB writes years before 1 as their BC number.
  return year > 0 ? `${pad4(year)}${monthDay}` : `${pad4(1 - year)}${monthDay} (BC)`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return n < 1000 ? String(n).padStart(4, '0') : String(n);
}

function unitsPerSecond(unit: number): number {
  return unit === 0 ? 1 : unit === 1 ? 1e3 : unit === 2 ? 1e6 : 1e9;
}

/** "HH:MM:SS" plus the fraction without trailing zeros, from a non-negative count within a day (or beyond, for intervals). */
function formatClock(seconds: number, fraction: number, perSecond: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor(seconds / 60) % 60;
  const secs = seconds % 60;
  const clock = `${two(hours)}:${two(minutes)}:${two(secs)}`;
  if (fraction === 0) return clock;
  const width = perSecond === 1e3 ? 3 : perSecond === 1e6 ? 6 : 9;
  return `${clock}.${String(fraction).padStart(width, '0').replace(/0+$/, '')}`;
}

function timeRenderer(perSecond: number): Renderer {
  // A day has under 2^53 nanoseconds, so plain numbers hold any time of day exactly.
  const text = (count: number | bigint): string => {
    const total = Number(count);
    const fraction = total % perSecond;
    return formatClock((total - fraction) / perSecond, fraction, perSecond);
  };
  return {
    kind: 'temporal',
    nested: false,
    fromData: (data, index) => text((data.values as BigInt64Array | Int32Array)[index]!),
    fromValue: (value) => text(typeof value === 'bigint' ? value : Math.round(Number(value))),
  };
}

/**
 * DuckDB's TIME WITH TIME ZONE, as sent when `arrowLosslessConversion` is on: 40 bits of
 * microseconds above 24 bits of (MAX_OFFSET - offset seconds), little-endian.
 */
const TIMETZ_MAX_OFFSET = 16 * 60 * 60 - 1;

const timeTzRenderer: Renderer = {
  kind: 'temporal',
  nested: false,
  fromData: (data, index) => formatTimeTz(fixedBytesAt(data, index, 8)),
  fromValue: (value) => formatTimeTz(asBytes(value)),
};

function formatTimeTz(bytes: Uint8Array): string {
  let bits = 0n;
  for (let i = 7; i >= 0; i--) bits = (bits << 8n) | BigInt(bytes[i] ?? 0);
  const micros = Number(bits >> 24n);
  const offset = TIMETZ_MAX_OFFSET - Number(bits & 0xffffffn);
  const magnitude = Math.abs(offset);
  let zone = `${offset < 0 ? '-' : '+'}${two(Math.floor(magnitude / 3600))}`;
  const minutes = Math.floor(magnitude / 60) % 60;
  const seconds = magnitude % 60;
  if (minutes || seconds) zone += `:${two(minutes)}`;
  if (seconds) zone += `:${two(seconds)}`;
  return formatClock(Math.floor(micros / 1e6), micros % 1e6, 1e6) + zone;
}

function timestampRenderer(unit: number, withZone: boolean): Renderer {
  const perSecond = unitsPerSecond(unit);
  const perMillisecond = perSecond / 1e3;
  const suffix = withZone ? '+00' : '';
  const text = (raw: bigint): string => formatTimestamp(raw, perSecond) + (raw === INT64_MAX || raw === -INT64_MAX ? '' : suffix);
  return {
    kind: 'temporal',
    nested: false,
    fromData: (data, index) => text((data.values as BigInt64Array)[index]!),
    fromValue(value) {
      if (typeof value === 'bigint') return text(value);
      // get() yields float milliseconds: recover the stored integer as far as the float kept it.
      const ms = Number(value);
      if (!Number.isFinite(ms)) return String(value);
      if (perMillisecond <= 1) return text(BigInt(Math.round(ms * perMillisecond)));
      const whole = Math.trunc(ms);
      return text(BigInt(whole) * BigInt(perMillisecond) + BigInt(Math.round((ms - whole) * perMillisecond)));
    },
  };
}

function formatTimestamp(raw: bigint, perSecond: number): string {
  if (raw === INT64_MAX) return 'infinity';
  if (raw === -INT64_MAX) return '-infinity';
  let seconds: number;
  let fraction: number;
  const asNumber = Number(raw);
  if (Number.isSafeInteger(asNumber)) {
    // Remainder first, then an exact division: no float rounding can cross a second boundary.
    fraction = asNumber % perSecond;
    if (fraction < 0) fraction += perSecond;
    seconds = (asNumber - fraction) / perSecond;
  } else {
    const per = BigInt(perSecond);
    let rest = raw % per;
    if (rest < 0n) rest += per;
    fraction = Number(rest);
    seconds = Number((raw - rest) / per);
  }
  let secondOfDay = seconds % 86400;
  if (secondOfDay < 0) secondOfDay += 86400;
  const days = (seconds - secondOfDay) / 86400;
  return `${formatDateDays(days)} ${formatClock(secondOfDay, fraction, perSecond)}`;
}

function intervalRenderer(unit: number): Renderer {
  if (unit === 0) {
    return {
      kind: 'temporal',
      nested: false,
      fromData: (data, index) => formatInterval((data.values as Int32Array)[index]!, 0, 0n),
      fromValue: (value) => formatIntervalValue(value, unit),
    };
  }
  if (unit === 1) {
    return {
      kind: 'temporal',
      nested: false,
      fromData(data, index) {
        const values = data.values as Int32Array;
        return formatInterval(0, values[2 * index]!, BigInt(values[2 * index + 1]!) * 1000n);
      },
      fromValue: (value) => formatIntervalValue(value, unit),
    };
  }
  return {
    kind: 'temporal',
    nested: false,
    fromData(data, index) {
      // Read 16 bytes a row from the buffer itself: apache-arrow 17 gives this unit a wrong stride.
      const values = data.values as Int32Array;
      const words = new Int32Array(values.buffer, values.byteOffset + index * 16, 4);
      return formatMonthDayNano(words);
    },
    fromValue: (value) => formatIntervalValue(value, unit),
  };
}

function formatMonthDayNano(words: ArrayLike<number>): string {
  const nanos = (BigInt(words[3]!) << 32n) | BigInt(words[2]! >>> 0);
  return formatInterval(words[0]!, words[1]!, nanos / 1000n);
}

function formatIntervalValue(value: unknown, unit: number): string {
  if (!ArrayBuffer.isView(value)) return String(value);
  const words = value as Int32Array;
  if (words.length >= 4) return formatMonthDayNano(words);
  // apache-arrow's get() turns YEAR_MONTH (and, before arrow 18, MONTH_DAY_NANO) into [years, months].
  if (unit === 1) return formatInterval(0, words[0]!, BigInt(words[1]!) * 1000n);
  return formatInterval(words[0]! * 12 + words[1]!, 0, 0n);
}

/** Arrow durations (DuckDB itself never sends them) read as an interval of that many units. */
function durationRenderer(perSecond: number): Renderer {
  const toMicros = (count: bigint): bigint =>
    perSecond >= 1e6 ? count / BigInt(perSecond / 1e6) : count * BigInt(1e6 / perSecond);
  return {
    kind: 'temporal',
    nested: false,
    fromData: (data, index) => formatInterval(0, 0, toMicros((data.values as BigInt64Array)[index]!)),
    fromValue: (value) => formatInterval(0, 0, toMicros(BigInt(value as bigint | number))),
  };
}

/** DuckDB's interval text: "1 year 2 months 3 days 04:05:06.5", "-1 day -00:00:01", "00:00:00". */
function formatInterval(months: number, days: number, micros: bigint): string {
  const parts: string[] = [];
  if (months !== 0) {
    const years = Math.trunc(months / 12);
    const rest = months - years * 12;
    if (years !== 0) parts.push(plural(years, 'year'));
    if (rest !== 0) parts.push(plural(rest, 'month'));
  }
  if (days !== 0) parts.push(plural(days, 'day'));
  if (micros !== 0n) {
    const negative = micros < 0n;
    const magnitude = negative ? -micros : micros;
    const seconds = Number(magnitude / 1000000n);
    const fraction = Number(magnitude % 1000000n);
    parts.push((negative ? '-' : '') + formatClock(seconds, fraction, 1e6));
  }
  return parts.length === 0 ? '00:00:00' : parts.join(' ');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 || count === -1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------
// Nested values

/**
 * Inside a list, struct or map DuckDB quotes a scalar's text when it would otherwise be ambiguous:
 * empty, edged by whitespace, spelling null, or holding one of its delimiters.
 */
const nestedDelimiters = /["'(),:=[\]{}]/;
const edgeWhitespace = /^[ \t\n\v\f\r]|.[ \t\n\v\f\r]$/s;

function quoteNested(text: string): string {
  if (text === '') return "''";
  const needsQuotes = edgeWhitespace.test(text) || (text.length === 4 && text.toLowerCase() === 'null') || nestedDelimiters.test(text);
  return needsQuotes ? quoteAlways(text) : text;
}

function quoteAlways(text: string): string {
  return `'${text.replace(/['\\]/g, '\\$&')}'`;
}

/** Text of element `index` of `data` as it appears inside a nested value. */
type ElementText = (data: ArrowDataLike, index: number) => string;

function elementText(field: FieldLike, quote = true): ElementText {
  const renderer = rendererFor(field.type, field.metadata);
  if (renderer.nested || !quote) return (data, index) => (data.getValid(index) ? renderer.fromData(data, index) : NULL_TEXT);
  return (data, index) => (data.getValid(index) ? quoteNested(renderer.fromData(data, index)) : NULL_TEXT);
}

function joinRange(data: ArrowDataLike, start: number, end: number, element: ElementText): string {
  let text = '[';
  for (let j = start; j < end; j++) text += (j > start ? ', ' : '') + element(data, j);
  return `${text}]`;
}

/** A vector handed out by `get()` for a list cell: its chunks, read directly. */
function joinVector(value: unknown, element: ElementText): string {
  const chunks = (value as Partial<ArrowVectorLike> | null)?.data;
  if (!Array.isArray(chunks)) return String(value);
  let text = '[';
  let first = true;
  for (const chunk of chunks as ArrowDataLike[]) {
    for (let j = 0; j < chunk.length; j++) {
      text += (first ? '' : ', ') + element(chunk, j);
      first = false;
    }
  }
  return `${text}]`;
}

function listRenderer(child: FieldLike): Renderer {
  const element = elementText(child);
  return {
    kind: 'nested',
    nested: true,
    fromData(data, index) {
      const offsets = data.valueOffsets as Int32Array | BigInt64Array;
      return joinRange(data.children[0]!, Number(offsets[index]), Number(offsets[index + 1]), element);
    },
    fromValue: (value) => joinVector(value, element),
  };
}

function fixedListRenderer(child: FieldLike, size: number): Renderer {
  // DuckDB 1.4 writes the elements of a fixed-size ARRAY bare, unlike a LIST's: ['x,y'] is [x,y].
  const element = elementText(child, false);
  return {
    kind: 'nested',
    nested: true,
    fromData: (data, index) => joinRange(data.children[0]!, index * size, (index + 1) * size, element),
    fromValue: (value) => joinVector(value, element),
  };
}

// apache-arrow's row objects keep where they came from under these registered symbols.
const rowParent = Symbol.for('parent');
const rowIndex = Symbol.for('rowIndex');
const mapKeys = Symbol.for('keys');
const mapValues = Symbol.for('vals');

function structRenderer(fields: readonly FieldLike[]): Renderer {
  const elements = fields.map((field) => elementText(field));
  // DuckDB's unnamed structs (row(1, 'a')) reach Arrow with empty names and print as tuples.
  const unnamed = fields.length > 0 && fields.every((field) => field.name === '');
  const keys = fields.map((field) => `${quoteAlways(field.name)}: `);
  const fromData = (data: ArrowDataLike, index: number): string => {
    let text = unnamed ? '(' : '{';
    for (let k = 0; k < elements.length; k++) {
      text += (k > 0 ? ', ' : '') + (unnamed ? '' : keys[k]) + elements[k]!(data.children[k]!, index);
    }
    return text + (unnamed ? ')' : '}');
  };
  return {
    kind: 'nested',
    nested: true,
    fromData,
    fromValue(value) {
      const row = value as Record<symbol, unknown>;
      const parent = row[rowParent] as ArrowDataLike | undefined;
      const index = row[rowIndex];
      if (parent && typeof index === 'number') return fromData(parent, index);
      return plainObjectText(value);
    },
  };
}

function mapRenderer(entries: FieldLike): Renderer {
  const [keyField, valueField] = (entries.type.children ?? []) as FieldLike[];
  if (!keyField || !valueField) return fallbackRenderer;
  const keyText = elementText(keyField);
  const valueText = elementText(valueField);
  const pairs = (keys: ArrowDataLike, values: ArrowDataLike, start: number, end: number): string => {
    let text = '{';
    for (let j = start; j < end; j++) text += (j > start ? ', ' : '') + keyText(keys, j) + '=' + valueText(values, j);
    return `${text}}`;
  };
  return {
    kind: 'nested',
    nested: true,
    fromData(data, index) {
      const offsets = data.valueOffsets as Int32Array;
      const entryData = data.children[0]!;
      return pairs(entryData.children[0]!, entryData.children[1]!, offsets[index]!, offsets[index + 1]!);
    },
    fromValue(value) {
      const row = value as Record<symbol, unknown>;
      const keys = (row[mapKeys] as ArrowVectorLike | undefined)?.data?.[0];
      const values = row[mapValues] as ArrowDataLike | undefined;
      if (keys && values) return pairs(keys, values, 0, keys.length);
      return plainObjectText(value);
    },
  };
}

function unionRenderer(type: DataType): Renderer {
  const t = type as DataType & { typeIdToChildIndex?: Record<number, number>; mode?: number };
  const members = ((type.children ?? []) as FieldLike[]).map((field) => rendererFor(field.type, field.metadata));
  const dense = t.mode === 1;
  const member = (data: ArrowDataLike, index: number): [Renderer, ArrowDataLike, number] | null => {
    const typeId = (data.typeIds as Int8Array)[index]!;
    const childIndex = t.typeIdToChildIndex?.[typeId] ?? typeId;
    const renderer = members[childIndex];
    const child = data.children[childIndex];
    if (!renderer || !child) return null;
    const at = dense ? (data.valueOffsets as Int32Array)[index]! : index;
    return [renderer, child, at];
  };
  return {
    kind: 'text',
    // A union member is written bare, never quoted, even inside a list.
    nested: true,
    fromData(data, index) {
      const found = member(data, index);
      return found ? found[0].fromData(found[1], found[2]) : NULL_TEXT;
    },
    fromValue: (value) => plainValueText(value),
    kindAt(data, index) {
      const found = member(data, index);
      return found ? (found[0].kindAt?.(found[1], found[2]) ?? found[0].kind) : 'null';
    },
  };
}

function dictionaryRenderer(valueType: DataType): Renderer {
  const values = rendererFor(valueType);
  return {
    kind: values.kind === 'binary' ? 'binary' : 'text',
    nested: false,
    fromData(data, index) {
      const key = Number((data.values as Int32Array | BigInt64Array)[index]);
      const located = data.dictionary ? locate(data.dictionary as ArrowVectorLike, key) : null;
      if (!located || !located[0].getValid(located[1])) return NULL_TEXT;
      return values.fromData(located[0], located[1]);
    },
    fromValue: (value) => values.fromValue(value),
  };
}

/** For types this module does not know: let apache-arrow decode, then print what came back. */
const fallbackRenderer: Renderer = {
  kind: 'text',
  nested: false,
  fromData(data, index) {
    const value: unknown = new Vector([data as never]).get(index);
    return value === null || value === undefined ? NULL_TEXT : plainValueText(value);
  },
  fromValue: (value) => plainValueText(value),
};

function kindOfValue(value: unknown): CellKind {
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'text';
    default:
      return value === null || value === undefined ? 'null' : value instanceof Uint8Array ? 'binary' : 'nested';
  }
}

/** Best effort for a bare JS value whose Arrow type is not known (union members, unknown types). */
function plainValueText(value: unknown): string {
  if (value === null || value === undefined) return NULL_TEXT;
  if (typeof value === 'number') return formatDouble(value).replace(/\.0$/, '');
  if (typeof value === 'string' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Uint8Array) return formatBlob(value);
  return plainObjectText(value);
}

function plainObjectText(value: unknown): string {
  const json = (value as { toJSON?: () => unknown }).toJSON?.() ?? value;
  if (Array.isArray(json)) return `[${json.map((v) => quoteNestedPlain(v)).join(', ')}]`;
  if (json && typeof json === 'object') {
    return `{${Object.entries(json)
      .map(([k, v]) => `${quoteAlways(k)}: ${quoteNestedPlain(v)}`)
      .join(', ')}}`;
  }
  return String(json);
}

function quoteNestedPlain(value: unknown): string {
  if (value === null || value === undefined) return NULL_TEXT;
  return typeof value === 'object' && !(value instanceof Uint8Array) ? plainObjectText(value) : quoteNested(plainValueText(value));
}

// ---------------------------------------------------------------------------------------------
// Type names for column headers

/**
 * DuckDB's name for a result column's type, as far as the Arrow type tells it. Arrow loses some
 * distinctions: HUGEINT arrives as DECIMAL(38,0) (named HUGEINT here, the likelier of the two, as
 * sum() of integers gives it), UUID as VARCHAR, ENUM without its members, TIME WITH TIME ZONE as
 * TIME and BIT as BLOB unless `arrowLosslessConversion` is on.
 */
export function duckdbTypeName(type: DataType, metadata?: Metadata): string {
  const extension = extensionOf(metadata);
  const t = type as DataType & Record<string, unknown>;
  switch (type.typeId) {
    case Type.Null:
      return 'NULL';
    case Type.Bool:
      return 'BOOLEAN';
    case Type.Int: {
      const names = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT'];
      const name = names[Math.log2((t['bitWidth'] as number) / 8)] ?? 'BIGINT';
      return t['isSigned'] ? name : `U${name}`;
    }
    case Type.Float:
      return (t['precision'] as number) === 2 ? 'DOUBLE' : 'FLOAT';
    case Type.Decimal: {
      const precision = t['precision'] as number;
      const scale = t['scale'] as number;
      return precision === 38 && scale === 0 ? 'HUGEINT' : `DECIMAL(${precision},${scale})`;
    }
    case Type.Utf8:
    case Type.LargeUtf8:
      if (extension === 'arrow.uuid') return 'UUID';
      if (extension === 'arrow.json' || extension === 'json') return 'JSON';
      return 'VARCHAR';
    case Type.Binary:
    case Type.LargeBinary:
      if (extension === 'bit') return 'BIT';
      if (extension === 'bignum' || extension === 'varint') return 'BIGNUM';
      return 'BLOB';
    case Type.FixedSizeBinary:
      if (extension === 'arrow.uuid') return 'UUID';
      if (extension === 'hugeint') return 'HUGEINT';
      if (extension === 'uhugeint') return 'UHUGEINT';
      if (extension === 'time_tz') return 'TIME WITH TIME ZONE';
      return 'BLOB';
    case Type.Date:
      return 'DATE';
    case Type.Time:
      return (t['unit'] as number) === 3 ? 'TIME_NS' : 'TIME';
    case Type.Timestamp: {
      if (t['timezone']) return 'TIMESTAMP WITH TIME ZONE';
      return ['TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP', 'TIMESTAMP_NS'][t['unit'] as number] ?? 'TIMESTAMP';
    }
    case Type.Interval:
    case Type.Duration:
      return 'INTERVAL';
    case Type.List: {
      const child = childField(type, 0);
      return `${duckdbTypeName(child.type, child.metadata)}[]`;
    }
    case Type.FixedSizeList: {
      const child = childField(type, 0);
      return `${duckdbTypeName(child.type, child.metadata)}[${t['listSize'] as number}]`;
    }
    case Type.Struct: {
      const fields = (type.children ?? []) as FieldLike[];
      const unnamed = fields.length > 0 && fields.every((field) => field.name === '');
      const members = fields.map((field) =>
        unnamed ? duckdbTypeName(field.type, field.metadata) : `${quoteIdentifierIfNeeded(field.name)} ${duckdbTypeName(field.type, field.metadata)}`,
      );
      return `STRUCT(${members.join(', ')})`;
    }
    case Type.Map: {
      const [key, value] = (childField(type, 0).type.children ?? []) as FieldLike[];
      if (!key || !value) return 'MAP';
      return `MAP(${duckdbTypeName(key.type, key.metadata)}, ${duckdbTypeName(value.type, value.metadata)})`;
    }
    case Type.Union: {
      const fields = (type.children ?? []) as FieldLike[];
      return `UNION(${fields.map((field) => `${quoteIdentifierIfNeeded(field.name)} ${duckdbTypeName(field.type, field.metadata)}`).join(', ')})`;
    }
    case Type.Dictionary:
      return 'ENUM';
    default:
      return String(type).toUpperCase();
  }
}

