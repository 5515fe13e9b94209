/**
 * Bundles built by the tests themselves, hostile ones included: yazl writes the archive (with a
 * placeholder where a name yazl itself would refuse goes), then the bytes are patched the way an
 * attacker would (names, flags, content), keeping the manifest's list correct unless told not to.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import yazl from 'yazl';
import { bundleFormatVersion, manifestEntry, signatureEntry, type BundleManifest, type InstructorKeyFile } from '../../shared/contract/bundle';
import { signManifest } from '../../electron/host/bundles/signing';

export interface FixtureEntry {
  /** The name as it will be in the archive (after patching). */
  name: string;
  bytes: Uint8Array;
  compress?: boolean;
  /** Unix mode (0o120777 makes a symbolic link entry). */
  mode?: number;
  /** Leave it out of the manifest's list. */
  unlisted?: boolean;
}

export interface FixtureOptions {
  /** Changes to the manifest before it is written (and signed). */
  manifest?: (manifest: BundleManifest) => BundleManifest;
  /** Files the manifest lists but the archive lacks. */
  listedOnly?: { path: string; bytes: Uint8Array }[];
  key?: InstructorKeyFile;
  /** Changes to the finished archive's bytes. */
  patch?: (zip: Buffer) => Buffer;
  /** Changes to the manifest bytes after signing (a tampered manifest). */
  tamperManifest?: (bytes: Buffer) => Buffer;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function baseManifest(files: BundleManifest['files'], exercises: string[] = []): BundleManifest {
  return {
    format: 'datalab-bundle',
    formatVersion: bundleFormatVersion,
    id: 'hostile',
    version: '1.0.0',
    title: 'Hostile',
    language: 'en',
    authors: ['Test'],
    createdAt: '2026-01-01T00:00:00.000Z',
    exercises,
    files,
  };
}

/** A name of `length` bytes yazl accepts, unlikely to occur anywhere else in the archive. */
function placeholder(index: number, length: number): string {
  const stem = `Q${index}Q`;
  return (stem + 'Z'.repeat(Math.max(0, length - stem.length))).slice(0, length);
}

function needsPlaceholder(name: string): boolean {
  return name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split('/').includes('..') || name === '';
}

function replaceAll(buffer: Buffer, from: Buffer, to: Buffer): Buffer {
  let at = buffer.indexOf(from);
  while (at >= 0) {
    to.copy(buffer, at);
    at = buffer.indexOf(from, at + from.length);
  }
  return buffer;
}

export async function zipBytes(entries: { name: string; bytes: Uint8Array; compress?: boolean; mode?: number }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const swaps: [Buffer, Buffer][] = [];
  entries.forEach((entry, index) => {
    let name = entry.name;
    if (needsPlaceholder(name)) {
      const hostile = Buffer.from(name, 'utf8');
      name = placeholder(index, hostile.length);
      swaps.push([Buffer.from(name, 'utf8'), hostile]);
    }
    zip.addBuffer(Buffer.from(entry.bytes), name, { compress: entry.compress ?? true, mtime: new Date('2026-01-01T00:00:00Z'), ...(entry.mode ? { mode: entry.mode } : {}) });
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  let bytes: Buffer = Buffer.concat(chunks);
  for (const [from, to] of swaps) bytes = replaceAll(bytes, from, to);
  return bytes;
}

/** Writes a bundle to `file` whose manifest lists every entry with its correct size and hash (unless told otherwise). */
export async function writeFixtureBundle(file: string, entries: FixtureEntry[], options: FixtureOptions = {}): Promise<void> {
  const listed = [...entries.filter((e) => !e.unlisted), ...(options.listedOnly ?? []).map((e) => ({ name: e.path, bytes: e.bytes }))];
  let manifest = baseManifest(listed.map((e) => ({ path: e.name, size: e.bytes.length, sha256: sha256(e.bytes) })));
  if (options.manifest) manifest = options.manifest(manifest);
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const head = [{ name: manifestEntry, bytes: options.tamperManifest ? options.tamperManifest(Buffer.from(manifestBytes)) : manifestBytes }];
  if (options.key) head.push({ name: signatureEntry, bytes: Buffer.from(JSON.stringify(signManifest(manifestBytes, options.key))) });
  let bytes = await zipBytes([...head, ...entries]);
  if (options.patch) bytes = options.patch(bytes);
  await writeFile(file, bytes);
}

/** Sets the "encrypted" flag of every entry, in both its local header and its central directory record. */
export function markEncrypted(zip: Buffer): Buffer {
  const local = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (const [signature, flagOffset] of [[local, 6], [central, 8]] as const) {
    for (let at = zip.indexOf(signature); at >= 0; at = zip.indexOf(signature, at + 4)) zip.writeUInt16LE(zip.readUInt16LE(at + flagOffset) | 1, at + flagOffset);
  }
  return zip;
}
