/**
 * Writes a `.datalab` file with yazl: datalab.json first, then datalab.sig when signed, then every
 * file it lists. Parquet is already compressed and is stored; everything else is deflated. The
 * archive is written under a temporary name and renamed, so a failed build leaves no half file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import {
  bundleFormatVersion,
  manifestEntry,
  signatureEntry,
  type BundleManifest,
  type InstructorKeyFile,
  type ManifestFile,
} from '../../../shared/contract/bundle';
import { signManifest } from './signing';

/** A file to put in the bundle: from disk (data, streamed) or from memory (exercises, notebooks). */
export type BundleSource = { path: string; file: string } | { path: string; bytes: Uint8Array };

async function describe(source: BundleSource): Promise<ManifestFile> {
  const hash = createHash('sha256');
  let size = 0;
  if ('bytes' in source) {
    hash.update(source.bytes);
    size = source.bytes.length;
  } else {
    for await (const chunk of createReadStream(source.file)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  }
  return { path: source.path, size, sha256: hash.digest('hex') };
}

function isStored(entryPath: string): boolean {
  return entryPath.toLowerCase().endsWith('.parquet');
}

export type BundleHead = Omit<BundleManifest, 'format' | 'formatVersion' | 'files'>;

/** Writes the bundle to `target` atomically; returns the manifest written. */
export async function writeBundle(target: string, head: BundleHead, sources: BundleSource[], key: InstructorKeyFile | null): Promise<BundleManifest> {
  const files: ManifestFile[] = [];
  for (const source of sources) files.push(await describe(source));
  const manifest: BundleManifest = { format: 'datalab-bundle', formatVersion: bundleFormatVersion, ...head, files };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const mtime = new Date(head.createdAt);

  const zip = new yazl.ZipFile();
  zip.addBuffer(manifestBytes, manifestEntry, { mtime, compress: true });
  if (key) zip.addBuffer(Buffer.from(`${JSON.stringify(signManifest(manifestBytes, key), null, 2)}\n`), signatureEntry, { mtime, compress: true });
  for (const source of sources) {
    const options = { mtime, compress: !isStored(source.path) };
    if ('bytes' in source) zip.addBuffer(Buffer.from(source.bytes), source.path, options);
    else zip.addFile(source.file, source.path, options);
  }
  zip.end();

  const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await pipeline(zip.outputStream, createWriteStream(temporary, { flags: 'wx' }));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return manifest;
}
