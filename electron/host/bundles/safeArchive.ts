/**
 * Reads an untrusted zip (a bundle, a folder of submissions) with yauzl, refusing before anything
 * is kept: bad names, symlinks, encrypted entries, too many entries, and, while inflating (never
 * trusting the sizes in the headers), entries that grow past a ratio or total cap, or whose bytes
 * do not match their CRC. yauzl checks the archive's structure (truncation, sizes); it does not
 * check CRCs, so they are computed here.
 */
import { createHash, type Hash } from 'node:crypto';
import { close, createWriteStream, fstat, open, read } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { HostFailure } from '../hostFailure';
import { entryNameProblem, findCollision } from './entryNames';

export interface ArchiveLimits {
  maxEntries: number;
  /** An entry may inflate to at most this many times its compressed size (plus `ratioFloorBytes`). */
  maxRatio: number;
  /** Small entries may exceed the ratio up to this size: a short run of spaces compresses very well. */
  ratioFloorBytes: number;
  /** All entries together, inflated. */
  maxTotalBytes: number;
}

export const defaultArchiveLimits: ArchiveLimits = {
  maxEntries: 10_000,
  maxRatio: 1_000,
  ratioFloorBytes: 1 << 20,
  maxTotalBytes: 64 * 2 ** 30,
};

const symlinkMode = 0o120000;
const fileTypeMask = 0o170000;

export interface ArchiveEntry {
  name: string;
  isFolder: boolean;
  entry: Entry;
}

function refuse(file: string, key: ConstructorParameters<typeof HostFailure>[1], params: Record<string, string | number> = {}): HostFailure {
  return new HostFailure(422, key, { file, ...params });
}

/**
 * Bytes are read a mebibyte at a time: yauzl's own reader reads 16 KiB per system call, which made
 * the read, not the hashing, the import's limit. One descriptor serves every entry and is closed
 * with the archive.
 */
const readChunkBytes = 1 << 20;

/** The bytes from `start` to `end` (excluded) of an open file, read by position (never closing the descriptor). */
class FileRange extends Readable {
  private position: number;

  constructor(
    private readonly fd: number,
    start: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: readChunkBytes });
    this.position = start;
  }

  override _read(): void {
    const length = Math.min(readChunkBytes, this.end - this.position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    const buffer = Buffer.allocUnsafe(length);
    read(this.fd, buffer, 0, length, this.position, (error, bytesRead) => {
      if (error) return this.destroy(error);
      // A truncated file ends early; yauzl's byte count then reports it.
      if (bytesRead === 0) return this.push(null);
      this.position += bytesRead;
      this.push(bytesRead < length ? buffer.subarray(0, bytesRead) : buffer);
    });
  }
}

/** yauzl's reader over a descriptor; yauzl may "close" it between reads, so the descriptor is closed by its owner. */
class FileRangeReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return new FileRange(this.fd, start, end);
  }
}

interface OpenedZip {
  zip: ZipFile;
  fd: number;
}

function openZip(file: string): Promise<OpenedZip> {
  return new Promise((resolve, reject) => {
    open(file, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      fstat(fd, (statError, info) => {
        const fail = (error: Error): void => close(fd, () => reject(error));
        if (statError) return fail(statError);
        if (!info.isFile()) return fail(new Error('not a file'));
        yauzl.fromRandomAccessReader(
          new FileRangeReader(fd),
          info.size,
          { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
          (error, zip) => (error ? fail(error) : resolve({ zip, fd })),
        );
      });
    });
  });
}

/** Entry names are UTF-8 when the archive says so, else plain ASCII; anything else is refused. */
function decodeName(entry: Entry): string | null {
  const raw = entry.fileName as unknown as Buffer;
  const utf8Flag = (entry.generalPurposeBitFlag & 0x800) !== 0;
  if (!utf8Flag && raw.some((byte) => byte >= 0x80)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return null;
  }
}

/** An archive whose every entry name has passed the rules; its entries can then be read with the caps. */
export class SafeArchive {
  private inflatedTotal = 0;
  private readonly byName: Map<string, ArchiveEntry>;

  private constructor(
    private readonly displayName: string,
    private readonly zip: ZipFile,
    private readonly fd: number,
    readonly entries: ArchiveEntry[],
    private readonly limits: ArchiveLimits,
  ) {
    this.byName = new Map(entries.map((entry) => [entry.name, entry]));
  }

  static async open(file: string, limits: ArchiveLimits = defaultArchiveLimits): Promise<SafeArchive> {
    const displayName = path.basename(file);
    let zip: ZipFile;
    let fd: number;
    try {
      ({ zip, fd } = await openZip(file));
    } catch (error) {
      throw refuse(displayName, 'bundle.notZip', { message: error instanceof Error ? error.message : String(error) });
    }
    try {
      if (zip.entryCount > limits.maxEntries) throw refuse(displayName, 'bundle.tooManyEntries', { count: zip.entryCount, max: limits.maxEntries });
      const entries = await readCentralDirectory(zip, displayName, limits);
      const collision = findCollision(entries.map((e) => e.name));
      if (collision !== null) throw refuse(displayName, 'bundle.entryDuplicate', { entry: collision });
      return new SafeArchive(displayName, zip, fd, entries, limits);
    } catch (error) {
      zip.close();
      close(fd, () => undefined);
      throw error;
    }
  }

  get name(): string {
    return this.displayName;
  }

  find(name: string): ArchiveEntry | undefined {
    return this.byName.get(name);
  }

  /** An entry's bytes in memory (small entries: the manifest, the signature, a submission). */
  async readBytes(entry: ArchiveEntry, maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    await this.inflate(entry, maxBytes, (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    return Buffer.concat(chunks, size);
  }

  /**
   * Writes an entry to `target` (a new file: never an existing one, never through a link), or only
   * reads it when `target` is null, stopping as soon as it grows past `expectedSize`. Returns its
   * size and SHA-256.
   */
  async extract(entry: ArchiveEntry, target: string | null, expectedSize: number): Promise<{ size: number; sha256: string }> {
    if (target !== null) await mkdir(path.dirname(target), { recursive: true });
    // Hashed and counted as the bytes pass on their way to the file: one read, no second pass.
    const hash = createHash('sha256');
    const out =
      target !== null ? createWriteStream(target, { flags: 'wx', highWaterMark: readChunkBytes }) : new Writable({ write: (_chunk, _encoding, done) => done() });
    const counted = await this.inflateStream(entry, expectedSize, hash);
    await pipeline(counted.stream, out);
    return { size: counted.size(), sha256: hash.digest('hex') };
  }

  close(): void {
    this.zip.close();
    close(this.fd, () => undefined);
  }

  private async inflate(entry: ArchiveEntry, maxBytes: number, onChunk: (chunk: Buffer) => void): Promise<void> {
    const { stream } = await this.inflateStream(entry, maxBytes);
    for await (const chunk of stream) onChunk(chunk as Buffer);
  }

  /**
   * The entry's inflated bytes, counted against the caps and checked against its CRC as they come
   * (and fed to `hash`, when given); `size()` is the count so far.
   */
  private async inflateStream(item: ArchiveEntry, maxBytes: number, hash?: Hash): Promise<{ stream: Transform; size: () => number }> {
    const { entry, name } = item;
    const file = this.displayName;
    const raw = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(entry, (error, stream) => (error ? reject(refuse(file, 'bundle.entryUnreadable', { entry: name, message: error.message })) : resolve(stream))),
    );
    const ratioCap = Math.max(entry.compressedSize * this.limits.maxRatio, this.limits.ratioFloorBytes);
    let size = 0;
    let crc = 0;
    const limits = this.limits;
    const countTotal = (bytes: number): boolean => (this.inflatedTotal += bytes) > limits.maxTotalBytes;
    const guard = new Transform({
      transform(chunk: Buffer, _encoding, done: TransformCallback) {
        size += chunk.length;
        const overTotal = countTotal(chunk.length);
        if (size > maxBytes) return done(refuse(file, 'bundle.entryTooLarge', { entry: name }));
        if (size > ratioCap) return done(refuse(file, 'bundle.entryRatio', { entry: name, ratio: limits.maxRatio }));
        if (overTotal) return done(refuse(file, 'bundle.totalTooLarge', { max: limits.maxTotalBytes }));
        crc = zlib.crc32(chunk, crc);
        hash?.update(chunk);
        done(null, chunk);
      },
      flush(done: TransformCallback) {
        if (crc >>> 0 !== entry.crc32 >>> 0) return done(refuse(file, 'bundle.entryCrc', { entry: name }));
        done();
      },
    });
    // A refused entry stops inflating at once.
    guard.on('error', () => (raw as unknown as { destroy(): void }).destroy());
    raw.on('error', (error: Error) => guard.destroy(error instanceof HostFailure ? error : refuse(file, 'bundle.entryUnreadable', { entry: name, message: error.message })));
    (raw as unknown as NodeJS.ReadableStream).pipe(guard);
    return { stream: guard, size: () => size };
  }
}

function readCentralDirectory(zip: ZipFile, file: string, limits: ArchiveLimits): Promise<ArchiveEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ArchiveEntry[] = [];
    const fail = (error: Error): void => {
      zip.removeAllListeners();
      zip.on('error', () => undefined);
      reject(error instanceof HostFailure ? error : refuse(file, 'bundle.notZip', { message: error.message }));
    };
    zip.on('entry', (entry: Entry) => {
      const name = decodeName(entry);
      if (name === null) return fail(refuse(file, 'bundle.entryNameEncoding'));
      const problem = entryNameProblem(name);
      if (problem) return fail(refuse(file, problem, { entry: JSON.stringify(name).slice(1, -1) }));
      if (entries.length >= limits.maxEntries) return fail(refuse(file, 'bundle.tooManyEntries', { count: entries.length + 1, max: limits.maxEntries }));
      if ((entry.generalPurposeBitFlag & 0x1) !== 0) return fail(refuse(file, 'bundle.entryEncrypted', { entry: name }));
      if (((entry.externalFileAttributes >>> 16) & fileTypeMask) === symlinkMode) return fail(refuse(file, 'bundle.entrySymlink', { entry: name }));
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return fail(refuse(file, 'bundle.entryMethod', { entry: name }));
      entries.push({ name, isFolder: name.endsWith('/'), entry });
      zip.readEntry();
    });
    zip.on('end', () => {
      zip.removeAllListeners();
      // Later failures reach the read streams; the archive itself must not throw unheard.
      zip.on('error', () => undefined);
      resolve(entries);
    });
    zip.on('error', fail);
    zip.readEntry();
  });
}
