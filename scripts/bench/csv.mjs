/**
 * The benchmark's CSV: about 100 MB of order-like rows (ids, integers, doubles, dates, short
 * strings). Seeded, so every run of the benchmark parses exactly the same bytes.
 */
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';

const header = 'id,customer_id,quantity,unit_price,discount,order_date,ship_date,category,city,sku\n';
const categories = ['Books', 'Garden', 'Toys', 'Grocery', 'Electronics', 'Sports', 'Beauty', 'Music', 'Tools', 'Clothing'];
const cities = ['Lyon', 'Cairo', 'Oslo', 'Lima', 'Osaka', 'Tunis', 'Quito', 'Perth', 'Leeds', 'Porto', 'Dakar', 'Hanoi'];
const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const rowsPerChunk = 10_000;

/** mulberry32: tiny, fast and good enough to make the columns look like data to the CSV sniffer. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Formatting dates row by row is the slow part of generation; ten years of days fit in a table.
const dayCount = 3653;
const days = Array.from({ length: dayCount + 30 }, (_, i) => new Date(Date.UTC(2015, 0, 1 + i)).toISOString().slice(0, 10));

/** Writes rows until the file reaches `targetBytes`; resolves to the byte and row counts. */
export async function writeBenchCsv(file, targetBytes = 100_000_000) {
  const next = random(20240229);
  const out = createWriteStream(file);
  let bytes = 0;
  let rows = 0;
  let chunk = header;
  let chunkRows = 0;
  while (bytes + chunk.length < targetBytes) {
    bytes += chunk.length;
    rows += chunkRows;
    if (!out.write(chunk)) await once(out, 'drain');
    const lines = [];
    for (let i = 1; i <= rowsPerChunk; i++) {
      const day = Math.floor(next() * dayCount);
      const sku = `${letters[Math.floor(next() * letters.length)]}${letters[Math.floor(next() * letters.length)]}-${Math.floor(next() * 10_000)}`;
      lines.push(
        `${rows + i},${1 + Math.floor(next() * 250_000)},${1 + Math.floor(next() * 40)},${(next() * 500).toFixed(2)},${next().toFixed(4)},` +
          `${days[day]},${days[day + Math.floor(next() * 30)]},${categories[Math.floor(next() * categories.length)]},` +
          `${cities[Math.floor(next() * cities.length)]},${sku}\n`,
      );
    }
    chunk = lines.join('');
    chunkRows = rowsPerChunk;
  }
  out.end();
  await once(out, 'finish');
  // Flushed now, so the kernel's write-back of 100 MB does not compete with the first timed load.
  const handle = await open(file, 'r+');
  await handle.sync();
  await handle.close();
  // Every character written is ASCII, so string length is the byte count.
  return { bytes, rows };
}
