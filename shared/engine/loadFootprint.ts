/**
 * What a file will take in the in-app engine once loaded, and whether that fits: decided before a
 * byte is read, so that a file too big is refused at once (with the native engine offered)
 * instead of failing minutes later with an out-of-memory error. One definition for the page, the
 * tests and the docs (docs/performance.md, "In-app load footprint").
 */

/**
 * Bytes in the engine per byte of file on disk, for formats whose size on disk is all the page
 * knows before reading. Measured for CSV on the shipped samples with duckdb-wasm's own memory
 * account (test/unit/renderer/loadFootprint.test.ts keeps the CSV figure above every sample's);
 * TSV is the same reader. JSON is text with every key repeated on each row, so its table is
 * smaller than CSV's per byte: the CSV figure is an upper bound. An Arrow IPC file is held whole
 * while its table is built, hence twice its size.
 */
export const expansionFactors = { csv: 2.2, tsv: 2.2, json: 2.2, arrow: 2 } as const;

export type FootprintBasis = 'parquetFooter' | 'sizeOnDisk';

export interface LoadFootprint {
  /** Estimated bytes the in-app engine needs to hold the table. */
  bytes: number;
  basis: FootprintBasis;
}

/** From the size on disk, for CSV, TSV, JSON and Arrow files. */
export function footprintFromDisk(format: keyof typeof expansionFactors, sizeBytes: number): LoadFootprint {
  return { bytes: Math.ceil(sizeBytes * expansionFactors[format]), basis: 'sizeOnDisk' };
}

/**
 * From a Parquet footer: the column chunks' uncompressed size, plus the converted database file
 * the engine holds while it builds the table (about as large as the Parquet file on disk).
 */
export function footprintFromParquet(uncompressedBytes: number, sizeOnDiskBytes: number): LoadFootprint {
  return { bytes: Math.ceil(uncompressedBytes + sizeOnDiskBytes), basis: 'parquetFooter' };
}

/**
 * The room kept for queries on top of the loaded tables: a quarter of the engine's memory, at
 * least 512 MiB (a sort or a join over a loaded table needs memory of its own).
 */
export function roomForQueriesBytes(memoryLimitBytes: number): number {
  return Math.max(512 * 2 ** 20, memoryLimitBytes / 4);
}

/** The in-app engine's budget for loaded tables: its memory limit, less room for queries. */
export function inAppBudgetBytes(memoryLimitBytes: number): number {
  return Math.max(0, Math.floor(memoryLimitBytes - roomForQueriesBytes(memoryLimitBytes)));
}

/**
 * Past this multiple of the budget a file is clearly too big: opened from the command line or a
 * drop, it goes to the native engine without asking (and the app says so). Nearer the budget, the
 * estimate may be wrong either way, so the user is asked.
 */
export const clearlyTooBigRatio = 1.5;

export type FootprintVerdict = 'fits' | 'tooBig' | 'clearlyTooBig';

/**
 * The largest file the in-app engine is ever handed, whatever the estimate says: WebAssembly
 * memory ends at 4 GiB and a load holds the file's bytes and the table built from them at once.
 * (Parquet and JSON arrive as DuckDB tables, so this limit applies to the converted file, checked
 * as it arrives.)
 */
export const inAppFileLimitBytes = 1.5 * 2 ** 30;

/** Why the in-app engine refuses a file before reading it: its estimate past the budget, or a file it cannot hold at all. */
export type InAppRefusal =
  | { rule: 'footprint'; verdict: 'tooBig' | 'clearlyTooBig'; footprint: LoadFootprint; budgetBytes: number }
  | { rule: 'fileLimit'; sizeBytes: number; limitBytes: number };

/**
 * The in-app engine's size rules, in the order they apply: the estimate against the budget first,
 * then the file's own size against what WebAssembly can hold (`heldBytes`: the bytes held whole
 * while the table is built; null when they are only known as they arrive). One definition for
 * datasets the host serves and files dropped on the page.
 */
export function inAppRefusal(footprint: LoadFootprint | null, budgetBytes: number | null, heldBytes: number | null): InAppRefusal | null {
  if (footprint && budgetBytes !== null) {
    const verdict = footprintVerdict(footprint, budgetBytes);
    if (verdict !== 'fits') return { rule: 'footprint', verdict, footprint, budgetBytes };
  }
  if (heldBytes !== null && heldBytes > inAppFileLimitBytes) return { rule: 'fileLimit', sizeBytes: heldBytes, limitBytes: inAppFileLimitBytes };
  return null;
}

export function footprintVerdict(footprint: LoadFootprint, budgetBytes: number): FootprintVerdict {
  if (footprint.bytes <= budgetBytes) return 'fits';
  return footprint.bytes > budgetBytes * clearlyTooBigRatio ? 'clearlyTooBig' : 'tooBig';
}

const units: Record<string, number> = {
  b: 1, bytes: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
};

/** A size as DuckDB prints its settings (`3.1 GiB`, `512.0 MiB`, `8GB`); null when it is not one. */
export function parseDuckdbByteSize(text: string): number | null {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-z]+)?\s*$/i.exec(text);
  if (!match) return null;
  const factor = units[(match[2] ?? 'b').toLowerCase()];
  return factor === undefined ? null : Math.round(Number(match[1]) * factor);
}
