/**
 * DuckDB keeps a string longer than 12 bytes out of line: its 16-byte `string_t` holds the
 * length, a 4-byte prefix and a pointer. Only node-api's binding can follow the pointer, and
 * node-api follows one a call (`get_data_from_pointer` copies that string out). For a long text
 * column that call was most of the Arrow encoder's time: about 1 µs a string.
 *
 * DuckDB writes a chunk's strings into its string heap one after another, so the strings of one
 * vector mostly sit side by side. This reads each run of neighbouring strings with one call and
 * hands out views into it.
 *
 * Safe to read: a run is only ever extended across a gap of at most `maxGapBytes` (far less
 * than a 4 KiB page) between the end of one string and the start of the next. Both ends are
 * DuckDB's live memory, and every byte between them lies in one of their two pages, so nothing
 * outside mapped memory is ever touched. Gap bytes are copied and never used.
 */
import bindings from '@duckdb/node-bindings';

/** Strings at most this far apart are read in one call (padding between heap allocations). */
const maxGapBytes = 256;
/** Runs still open to new strings: a dictionary's few strings, or interleaved sources, each grow their own. */
const openRuns = 8;
/** A run stops growing past this, so one call never copies more than this. */
const maxRunBytes = 64 * 2 ** 20;
/**
 * Pointers whose high word is at least this are not below 2^53, so not exact as a number (a
 * tagged pointer, as arm64 memory tagging makes): their strings are read one by one.
 */
const exactHighWordLimit = 2 ** 21;

interface Run {
  /** The string_t (its index in `words`, in 32-bit words) whose pointer starts the run: the call reads the pointer from there. */
  pointerWord: number;
  start: number;
  end: number;
  bytes: Uint8Array | null;
}

/** The bytes of the out-of-line strings of some rows of one vector, read in runs. */
export class OutOfLineStrings {
  private readonly runs: Run[] = [];
  /** By row (relative to `firstRow`): which run holds the string, and its address. Made at the first long string. */
  private runOf: Int32Array | null = null;
  private addressOf: Float64Array | null = null;

  /**
   * `words`: the vector's 16-byte `string_t`s as 32-bit words (length, prefix, pointer low, pointer
   * high). Reads rows [firstRow, firstRow + count) that `isLong` accepts (valid, longer than 12 bytes).
   */
  constructor(
    private readonly words: Uint32Array,
    private readonly firstRow: number,
    count: number,
    isLong: (row: number) => boolean,
  ) {
    const runs = this.runs;
    for (let i = 0; i < count; i++) {
      const row = firstRow + i;
      if (!isLong(row)) continue;
      this.runOf ??= new Int32Array(count);
      this.addressOf ??= new Float64Array(count);
      const length = words[row * 4]!;
      const high = words[row * 4 + 3]!;
      const address = words[row * 4 + 2]! + high * 2 ** 32;
      // The run this string starts in or just after, newest first (strings mostly follow each other).
      let index = -1;
      for (let r = runs.length - 1; high < exactHighWordLimit && r >= 0 && r >= runs.length - openRuns; r--) {
        const run = runs[r]!;
        if (address >= run.start && address <= run.end + maxGapBytes && Math.max(run.end, address + length) - run.start <= maxRunBytes) {
          index = r;
          break;
        }
      }
      if (index < 0) {
        index = runs.length;
        // A pointer that is not exact as a number starts a run of its own, never joined.
        runs.push({ pointerWord: row * 4 + 2, start: address, end: address + length, bytes: null });
      } else {
        const run = runs[index]!;
        run.end = Math.max(run.end, address + length);
      }
      this.runOf[i] = index;
      this.addressOf[i] = address;
    }
    for (const run of runs) {
      const length = run.end - run.start;
      run.bytes = bindings.get_data_from_pointer(words.buffer as ArrayBuffer, words.byteOffset + run.pointerWord * 4, length);
      if (run.bytes.byteLength !== length) throw new Error(`read ${run.bytes.byteLength} bytes of a string run of ${length}`);
    }
  }

  /** The bytes of the string in `row` (one `isLong` accepted). */
  bytes(row: number, length: number): Uint8Array {
    const i = row - this.firstRow;
    const run = this.runs[this.runOf![i]!]!;
    const offset = this.addressOf![i]! - run.start;
    return run.bytes!.subarray(offset, offset + length);
  }
}
