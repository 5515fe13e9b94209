/**
 * Opening a `.datalab` file: every check happens before anything is kept. The manifest and the
 * signature are read first (in memory), the signature is checked against the trusted keys, the
 * entries are matched one for one with the manifest, then every entry is inflated under the caps
 * and compared with its listed size and SHA-256, into a temporary folder that is renamed into the
 * library only when all of it holds.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  BundleManifest,
  BundledExercise,
  BundleSignature,
  bundleFormatVersion,
  manifestEntry,
  signatureEntry,
  type BundleManifest as Manifest,
  type BundledExercise as Exercise,
  type BundleSignature as Signature,
} from '../../../shared/contract/bundle';
import { HostFailure } from '../hostFailure';
import { entryNameProblem, findCollision } from './entryNames';
import { defaultArchiveLimits, SafeArchive, type ArchiveLimits } from './safeArchive';
import { fingerprintOf, signatureHolds } from './signing';
import type { TrustStore } from './trustStore';

/** verified: signed by a trusted key; unsigned; unknown-signer: signed, correctly, by a key not trusted. */
export type TrustState = 'verified' | 'unsigned' | 'unknown-signer';

export interface BundleCheck {
  manifest: Manifest;
  trust: TrustState;
  /** The signer's fingerprint, when signed. */
  signer: string | null;
}

export interface ImportedBundle extends BundleCheck {
  /** Where the bundle now lives in the library. */
  folder: string;
  exercises: Exercise[];
}

const maxManifestBytes = 16 * 2 ** 20;
const maxSignatureBytes = 4_096;
const maxExerciseBytes = 64 * 2 ** 20;

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/** The manifest and signature, read and checked; the entries matched with the manifest's list. */
async function readHead(archive: SafeArchive, trustStore: TrustStore | null): Promise<BundleCheck & { signature: Signature | null }> {
  const file = archive.name;
  const manifestItem = archive.find(manifestEntry);
  if (!manifestItem) throw new HostFailure(422, 'bundle.noManifest', { file });
  const manifestBytes = await archive.readBytes(manifestItem, maxManifestBytes);
  const json = parseJson(manifestBytes);
  const version = (json as { formatVersion?: unknown } | undefined)?.formatVersion;
  if (typeof version === 'number' && version > bundleFormatVersion) throw new HostFailure(422, 'bundle.newerFormat', { file, version });
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) throw new HostFailure(422, 'bundle.manifestInvalid', { file, message: parsed.error.issues[0]?.message ?? '' });
  const manifest = parsed.data;

  let signature: Signature | null = null;
  let trust: TrustState = 'unsigned';
  const signatureItem = archive.find(signatureEntry);
  if (signatureItem) {
    const sig = BundleSignature.safeParse(parseJson(await archive.readBytes(signatureItem, maxSignatureBytes)));
    if (!sig.success) throw new HostFailure(422, 'bundle.signatureInvalid', { file });
    if (!signatureHolds(manifestBytes, sig.data)) throw new HostFailure(422, 'bundle.tampered', { file });
    signature = sig.data;
    trust = trustStore && (await trustStore.trusts(sig.data.publicKey)) ? 'verified' : 'unknown-signer';
  }

  // The manifest's list and the archive's entries, one for one.
  for (const listed of manifest.files) {
    const problem = entryNameProblem(listed.path);
    if (problem || listed.path === manifestEntry || listed.path === signatureEntry) throw new HostFailure(422, 'bundle.manifestInvalid', { file, message: listed.path });
  }
  const listedCollision = findCollision(manifest.files.map((f) => f.path));
  if (listedCollision !== null) throw new HostFailure(422, 'bundle.entryDuplicate', { file, entry: listedCollision });
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const item of archive.entries) {
    if (item.isFolder || item.name === manifestEntry || item.name === signatureEntry) continue;
    if (!listed.has(item.name)) throw new HostFailure(422, 'bundle.entryUnlisted', { file, entry: item.name });
  }
  for (const path of listed) if (!archive.find(path)) throw new HostFailure(422, 'bundle.entryMissing', { file, entry: path });
  for (const id of manifest.exercises) if (!listed.has(`exercises/${id}.json`)) throw new HostFailure(422, 'bundle.entryMissing', { file, entry: `exercises/${id}.json` });
  return { manifest, trust, signer: signature ? fingerprintOf(signature.publicKey) : null, signature };
}

/** Inflates every listed entry (into `folder`, or nowhere) and compares it with the manifest. */
async function checkEntries(archive: SafeArchive, manifest: Manifest, folder: string | null): Promise<void> {
  for (const listed of manifest.files) {
    const item = archive.find(listed.path)!;
    const target = folder === null ? null : path.join(folder, ...listed.path.split('/'));
    if (target !== null && !target.startsWith(folder + path.sep)) throw new HostFailure(422, 'bundle.entryNameParent', { file: archive.name, entry: listed.path });
    const { size, sha256 } = await archive.extract(item, target, listed.size);
    if (size !== listed.size || sha256 !== listed.sha256) throw new HostFailure(422, 'bundle.entryChanged', { file: archive.name, entry: listed.path });
  }
}

async function withArchive<T>(file: string, limits: ArchiveLimits, use: (archive: SafeArchive) => Promise<T>): Promise<T> {
  const archive = await SafeArchive.open(file, limits);
  try {
    return await use(archive);
  } finally {
    archive.close();
  }
}

/** `bundle verify`: the schemas (manifest, signature, exercises), the signature, every size and hash; nothing is written. */
export function verifyBundle(file: string, trustStore: TrustStore | null, limits: ArchiveLimits = defaultArchiveLimits): Promise<BundleCheck> {
  return withArchive(file, limits, async (archive) => {
    const { signature: _signature, ...check } = await readHead(archive, trustStore);
    await checkEntries(archive, check.manifest, null);
    for (const id of check.manifest.exercises) {
      parseExercise(await archive.readBytes(archive.find(`exercises/${id}.json`)!, maxExerciseBytes), id, archive.name);
    }
    return check;
  });
}

/** One exercise file, checked against the schema and the id the manifest gives it. */
function parseExercise(bytes: Buffer, id: string, fileName: string): Exercise {
  const parsed = bytes.length <= maxExerciseBytes ? BundledExercise.safeParse(parseJson(bytes)) : null;
  if (!parsed?.success || parsed.data.id !== id) throw new HostFailure(422, 'bundle.exerciseInvalid', { file: fileName, exercise: id });
  return parsed.data;
}

/** Reads the exercises of an extracted bundle. */
export async function readExercises(folder: string, manifest: Manifest, fileName: string): Promise<Exercise[]> {
  const exercises: Exercise[] = [];
  for (const id of manifest.exercises) exercises.push(parseExercise(await readFile(path.join(folder, 'exercises', `${id}.json`)), id, fileName));
  return exercises;
}

export interface ImportOptions {
  /** The library folder: each bundle lands in `<id>@<version>/` inside. */
  library: string;
  trustStore: TrustStore | null;
  /** The user confirmed opening a bundle from an unverified source (unsigned or unknown signer). */
  allowUnverified: boolean;
  limits?: ArchiveLimits;
}

/** What the app does on open, and `bundle import`: verified, extracted, then renamed into the library. */
export async function importBundle(file: string, options: ImportOptions): Promise<ImportedBundle> {
  await mkdir(options.library, { recursive: true });
  return withArchive(file, options.limits ?? defaultArchiveLimits, async (archive) => {
    const { signature: _signature, ...check } = await readHead(archive, options.trustStore);
    if (check.trust !== 'verified' && !options.allowUnverified) {
      throw check.trust === 'unsigned'
        ? new HostFailure(403, 'bundle.unverifiedUnsigned', { file: archive.name })
        : new HostFailure(403, 'bundle.unverifiedSigner', { file: archive.name, fingerprint: check.signer ?? '' });
    }
    const staging = path.join(options.library, `.import-${randomBytes(8).toString('hex')}`);
    await mkdir(staging);
    try {
      await checkEntries(archive, check.manifest, staging);
      const exercises = await readExercises(staging, check.manifest, archive.name);
      const folder = path.join(options.library, `${check.manifest.id}@${check.manifest.version}`);
      await replaceFolder(staging, folder);
      return { ...check, folder, exercises };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  });
}

/** Puts `staging` at `target`; an earlier copy of the same bundle and version is replaced whole. */
async function replaceFolder(staging: string, target: string): Promise<void> {
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await rename(staging, target);
    return;
  }
  const old = `${target}.old-${randomBytes(6).toString('hex')}`;
  await rename(target, old);
  try {
    await rename(staging, target);
  } catch (error) {
    await rename(old, target);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}
