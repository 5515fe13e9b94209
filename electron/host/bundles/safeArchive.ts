/**
 * Reads an untrusted zip (a bundle, a folder of submissions) with yauzl, refusing before anything
 * is kept: bad names, symlinks, encrypted entries, too many entries, and, while inflating (never
 * trusting the sizes in the headers), entries that grow past a ratio or total cap, or whose bytes
 * do not match their CRC. yauzl checks the archive's structure (truncation, sizes); it does not
 * check CRCs, so they are computed here.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform, Writable, type TransformCallback } from 'node:stream';
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

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (error, zip) => {
      if (error) reject(error);
      else resolve(zip);
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
    readonly entries: ArchiveEntry[],
    private readonly limits: ArchiveLimits,
  ) {
    this.byName = new Map(entries.map((entry) => [entry.name, entry]));
  }

  static async open(file: string, limits: ArchiveLimits = defaultArchiveLimits): Promise<SafeArchive> {
    const displayName = path.basename(file);
    let zip: ZipFile;
    try {
      zip = await openZip(file);
    } catch (error) {
      throw refuse(displayName, 'bundle.notZip', { message: error instanceof Error ? error.message : String(error) });
    }
    try {
      if (zip.entryCount > limits.maxEntries) throw refuse(displayName, 'bundle.tooManyEntries', { count: zip.entryCount, max: limits.maxEntries });
      const entries = await readCentralDirectory(zip, displayName, limits);
      const collision = findCollision(entries.map((e) => e.name));
      if (collision !== null) throw refuse(displayName, 'bundle.entryDuplicate', { entry: collision });
      return new SafeArchive(displayName, zip, entries, limits);
    } catch (error) {
      zip.close();
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
    const hash = createHash('sha256');
    let size = 0;
    const out = target !== null ? createWriteStream(target, { flags: 'wx' }) : new Writable({ write: (_chunk, _encoding, done) => done() });
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done: TransformCallback) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(await this.inflateStream(entry, expectedSize), counter, out);
    return { size, sha256: hash.digest('hex') };
  }

  close(): void {
    this.zip.close();
  }

  private async inflate(entry: ArchiveEntry, maxBytes: number, onChunk: (chunk: Buffer) => void): Promise<void> {
    const stream = await this.inflateStream(entry, maxBytes);
    for await (const chunk of stream) onChunk(chunk as Buffer);
  }

  /** The entry's inflated bytes, counted against the caps and checked against its CRC as they come. */
  private async inflateStream(item: ArchiveEntry, maxBytes: number): Promise<Transform> {
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
    return guard;
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
