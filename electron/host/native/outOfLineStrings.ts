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
 * Safe to read: a run is only ever extended across a gap of fewer than `maxGapBytes` (far less
 * than a 4 KiB page) between the end of one string and the start of the next. Both ends are
 * DuckDB's live memory, and every byte between them lies in one of their two pages, so nothing
 * outside mapped memory is ever touched. Gap bytes are copied and never used.
 */
import bindings from '@duckdb/node-bindings';

/** Strings at most this far apart are read in one call (padding between heap allocations). */
const maxGapBytes = 256;
/** Runs still open to new strings: a dictionary's few strings, or interleaved sources, each grow their own. */
const openRuns = 8;

interface Run {
  start: number;
  end: number;
  bytes: Uint8Array | null;
}

/** The bytes of the out-of-line strings of some rows of one vector, read in runs. */
export class OutOfLineStrings {
  private readonly runs: Run[] = [];
  /** By row (relative to `firstRow`): which run holds the string, and its address. */
  private readonly runOf: Int32Array;
  private readonly addressOf: Float64Array;

  /**
   * `strings`: the vector's 16-byte `string_t`s. Reads rows [firstRow, firstRow + count) that
   * `isLong` accepts (valid, and longer than 12 bytes).
   */
  constructor(
    strings: Uint8Array,
    private readonly firstRow: number,
    count: number,
    isLong: (row: number) => boolean,
  ) {
    this.runOf = new Int32Array(count).fill(-1);
    this.addressOf = new Float64Array(count);
    const words = new Uint32Array(strings.buffer, strings.byteOffset, strings.byteLength >> 2);
    const runs = this.runs;
    for (let i = 0; i < count; i++) {
      const row = firstRow + i;
      if (!isLong(row)) continue;
      const length = words[row * 4]!;
      // A pointer below 2^53 (every user-space address on the platforms DuckDB ships for) is exact as a number.
      const address = words[row * 4 + 2]! + words[row * 4 + 3]! * 2 ** 32;
      // The run this string starts in or just after, newest first (strings mostly follow each other).
      let index = -1;
      for (let r = runs.length - 1; r >= 0 && r >= runs.length - openRuns; r--) {
        const run = runs[r]!;
        if (address >= run.start && address <= run.end + maxGapBytes) {
          index = r;
          break;
        }
      }
      if (index < 0) {
        index = runs.length;
        runs.push({ start: address, end: address + length, bytes: null });
      } else {
        const run = runs[index]!;
        run.end = Math.max(run.end, address + length);
      }
      this.runOf[i] = index;
      this.addressOf[i] = address;
    }
    const pointer = new Uint32Array(2);
    for (const run of runs) {
      pointer[0] = run.start % 2 ** 32;
      pointer[1] = Math.floor(run.start / 2 ** 32);
      run.bytes = bindings.get_data_from_pointer(pointer.buffer, 0, run.end - run.start);
    }
  }

  /** The bytes of the string in `row` (one `isLong` accepted). */
  bytes(row: number, length: number): Uint8Array {
    const i = row - this.firstRow;
    const run = this.runs[this.runOf[i]!]!;
    const offset = this.addressOf[i]! - run.start;
    return run.bytes!.subarray(offset, offset + length);
  }
}
