/**
 * Arrow results → text rows as the reference answers write them. Shared by the raw duckdb-wasm page
 * (bundled by Vite) and the benchmark's Node side (the native engine's Arrow replies).
 */

/** Arrow cell → text (decimals with full scale, dates as YYYY-MM-DD). */
function cellText(value, type) {
  if (value === null || value === undefined) return null;
  const typeId = type?.typeId;
  // Decimal (typeId 7): arrow-js hands out the little-endian 32-bit words of the two's-complement value.
  if (typeId === 7 && value instanceof Uint32Array) {
    let big = 0n;
    for (let i = value.length - 1; i >= 0; i--) big = (big << 32n) | BigInt(value[i]);
    const bits = BigInt(value.length * 32);
    if (big >> (bits - 1n)) big -= 1n << bits;
    const negative = big < 0n;
    let digits = (negative ? -big : big).toString();
    const scale = type.scale ?? 0;
    if (scale > 0) {
      digits = digits.padStart(scale + 1, '0');
      digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    }
    return negative ? `-${digits}` : digits;
  }
  // Date (typeId 8): milliseconds since the epoch (a number or a Date, by arrow-js version).
  if (typeId === 8) {
    const ms = value instanceof Date ? value.getTime() : Number(value);
    return new Date(ms).toISOString().slice(0, 10);
  }
  if (typeof value === 'bigint') return value.toString();
  return String(value);
}

export function tableRows(table) {
  const fields = table.schema.fields;
  const columns = fields.map((_, i) => table.getChildAt(i));
  const rows = [];
  for (let r = 0; r < table.numRows; r++) rows.push(columns.map((column, c) => cellText(column.get(r), fields[c].type)));
  return { header: fields.map((f) => f.name), rows };
}

