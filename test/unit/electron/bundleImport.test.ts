/**
 * Safe import: a hostile corpus built here, each case refused with its reason before anything is
 * kept, and nothing written anywhere (checked by listing the whole scratch folder before and after),
 * including bundles whose manifest lists the hostile entry with its correct hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundle, verifyBundle } from '../../../electron/host/bundles/bundleReader';
import { defaultArchiveLimits, type ArchiveLimits } from '../../../electron/host/bundles/safeArchive';
import { newInstructorKey, publicKeyFileOf } from '../../../electron/host/bundles/signing';
import { TrustStore } from '../../../electron/host/bundles/trustStore';
import { HostFailure } from '../../../electron/host/hostFailure';
import type { MessageKey } from '../../../shared/i18n/translate';
import { markEncrypted, writeFixtureBundle, zipBytes, type FixtureEntry, type FixtureOptions } from '../../support/bundleFixtures';
import { makeTempDir } from '../../support/tempDir';

let root: { dir: string; cleanup(): Promise<void> };
let trustStore: TrustStore;
const trustedKey = newInstructorKey();
const strangerKey = newInstructorKey();
const text = (s: string): Buffer => Buffer.from(s, 'utf8');
const csv = text('a,b\n1,2\n');

beforeAll(async () => {
  root = await makeTempDir('datalab-import-');
  trustStore = new TrustStore(path.join(root.dir, 'appdata'));
  await writeFile(path.join(root.dir, 'trusted.pub'), JSON.stringify(publicKeyFileOf(trustedKey)));
  await trustStore.importFrom(path.join(root.dir, 'trusted.pub'));
});
afterAll(() => root.cleanup());

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

/** The smallest limits that still let the benign entries through, so the bomb cases stay quick. */
const testLimits: ArchiveLimits = { ...defaultArchiveLimits, maxRatio: 100, ratioFloorBytes: 64 * 1024, maxTotalBytes: 8 * 2 ** 20 };

interface HostileCase {
  name: string;
  entries: FixtureEntry[];
  options?: FixtureOptions;
  /** Raw bytes instead of a bundle. */
  raw?: () => Promise<Buffer>;
  refusedWith: MessageKey;
  allowUnverified?: boolean;
}

const zeros = Buffer.alloc(20 * 2 ** 20);
const corpus: HostileCase[] = [
  { name: 'parent path ../', entries: [{ name: '../evil.csv', bytes: csv }], refusedWith: 'bundle.entryNameParent' },
  { name: 'parent path inside a folder', entries: [{ name: 'data/../../evil.csv', bytes: csv }], refusedWith: 'bundle.entryNameParent' },
  { name: 'absolute path', entries: [{ name: '/tmp/evil.csv', bytes: csv }], refusedWith: 'bundle.entryNameAbsolute' },
  { name: 'drive letter', entries: [{ name: 'C:/evil.csv', bytes: csv }], refusedWith: 'bundle.entryNameDrive' },
  { name: 'backslash', entries: [{ name: 'data\\..\\evil.csv', bytes: csv }], refusedWith: 'bundle.entryNameBackslash' },
  { name: 'NUL in a name', entries: [{ name: 'data/evil\u0000.csv', bytes: csv }], refusedWith: 'bundle.entryNameNul' },
  { name: 'control character in a name', entries: [{ name: 'data/evil\u001b[31m.csv', bytes: csv }], refusedWith: 'bundle.entryNameControl' },
  { name: 'name Windows reads as another (trailing dot)', entries: [{ name: 'data/evil.csv.', bytes: csv }], refusedWith: 'bundle.entryNameWindows' },
  { name: 'name over 255 bytes', entries: [{ name: `data/${'é'.repeat(130)}.csv`, bytes: csv }], refusedWith: 'bundle.entryNameLong' },
  { name: 'symbolic link entry', entries: [{ name: 'data/link.csv', bytes: text('/etc/passwd'), mode: 0o120777 }], refusedWith: 'bundle.entrySymlink' },
  {
    name: 'duplicate name',
    entries: [
      { name: 'data/a.csv', bytes: csv },
      { name: 'data/a.csv', bytes: text('x\n') },
    ],
    refusedWith: 'bundle.entryDuplicate',
  },
  {
    name: 'duplicate after case folding',
    entries: [
      { name: 'data/A.csv', bytes: csv },
      { name: 'data/a.csv', bytes: csv },
    ],
    refusedWith: 'bundle.entryDuplicate',
  },
  {
    name: 'duplicate after Unicode normalization (NFC é and NFD é)',
    entries: [
      { name: 'data/caf\u00e9.csv', bytes: csv },
      { name: 'data/cafe\u0301.csv', bytes: csv },
    ],
    refusedWith: 'bundle.entryDuplicate',
  },
  {
    name: 'a file that is also a folder',
    entries: [
      { name: 'data', bytes: csv },
      { name: 'data/a.csv', bytes: csv },
    ],
    refusedWith: 'bundle.entryDuplicate',
  },
  {
    name: 'more than 10,000 entries',
    entries: Array.from({ length: 10_001 }, (_, i) => ({ name: `data/${i}.csv`, bytes: text(String(i)), compress: false })),
    refusedWith: 'bundle.tooManyEntries',
  },
  { name: 'zip bomb (ratio, counted while inflating)', entries: [{ name: 'data/zeros.csv', bytes: zeros }], refusedWith: 'bundle.entryRatio' },
  {
    name: 'zip bomb whose headers claim a small size',
    entries: [{ name: 'data/zeros.csv', bytes: zeros }],
    options: {
      patch: (zip) => {
        // The local header (offset 22) and central record (offset 24) of the bomb say 100 bytes.
        for (const [signature, sizeOffset] of [[Buffer.from('PK\x03\x04', 'latin1'), 22], [Buffer.from('PK\x01\x02', 'latin1'), 24]] as const) {
          for (let at = zip.indexOf(signature); at >= 0; at = zip.indexOf(signature, at + 4)) {
            if (zip.readUInt32LE(at + sizeOffset) === zeros.length) zip.writeUInt32LE(100, at + sizeOffset);
          }
        }
        return zip;
      },
    },
    // yauzl counts the inflated bytes against the header as they come, and stops first.
    refusedWith: 'bundle.entryUnreadable',
  },
  {
    name: 'zip bomb (total size)',
    entries: Array.from({ length: 3 }, (_, i) => ({ name: `data/random${i}.bin`, bytes: randomBytes(3 * 2 ** 20), compress: false })),
    refusedWith: 'bundle.totalTooLarge',
  },
  {
    name: 'truncated archive',
    entries: [{ name: 'data/a.csv', bytes: csv }],
    options: { patch: (zip) => zip.subarray(0, Math.floor(zip.length * 0.6)) },
    refusedWith: 'bundle.notZip',
  },
  {
    name: 'CRC mismatch (the manifest lists the altered bytes’ hash)',
    entries: [{ name: 'data/a.csv', bytes: text('alpha,beta\n111,222\n'), compress: false }],
    options: {
      patch: (zip) => {
        const at = zip.indexOf('111,222');
        zip[at] = '9'.charCodeAt(0);
        return zip;
      },
      manifest: (m) => ({ ...m, files: m.files.map((f) => ({ ...f, sha256: createHash('sha256').update('alpha,beta\n911,222\n').digest('hex') })) }),
    },
    refusedWith: 'bundle.entryCrc',
  },
  { name: 'encrypted entries', entries: [{ name: 'data/a.csv', bytes: csv }], options: { patch: markEncrypted }, refusedWith: 'bundle.entryEncrypted' },
  { name: 'entry not listed in the manifest', entries: [{ name: 'data/a.csv', bytes: csv }, { name: 'data/extra.csv', bytes: csv, unlisted: true }], refusedWith: 'bundle.entryUnlisted' },
  { name: 'listed entry missing', entries: [{ name: 'data/a.csv', bytes: csv }], options: { listedOnly: [{ path: 'data/gone.csv', bytes: csv }] }, refusedWith: 'bundle.entryMissing' },
  {
    name: 'hash mismatch',
    entries: [{ name: 'data/a.csv', bytes: csv }],
    options: { manifest: (m) => ({ ...m, files: m.files.map((f) => ({ ...f, sha256: '0'.repeat(64) })) }) },
    refusedWith: 'bundle.entryChanged',
  },
  {
    name: 'size larger than listed',
    entries: [{ name: 'data/a.csv', bytes: csv }],
    options: { manifest: (m) => ({ ...m, files: m.files.map((f) => ({ ...f, size: 3 })) }) },
    refusedWith: 'bundle.entryTooLarge',
  },
  {
    name: 'invalid exercise file',
    entries: [{ name: 'exercises/one.json', bytes: text('{"id": "one", "solution": "SELECT 42"}') }],
    options: { manifest: (m) => ({ ...m, exercises: ['one'] }) },
    refusedWith: 'bundle.exerciseInvalid',
  },
  { name: 'exercise listed but missing', entries: [{ name: 'data/a.csv', bytes: csv }], options: { manifest: (m) => ({ ...m, exercises: ['two'] }) }, refusedWith: 'bundle.entryMissing' },
  { name: 'no manifest', entries: [], raw: () => zipBytes([{ name: 'data/a.csv', bytes: csv }]), refusedWith: 'bundle.noManifest' },
  { name: 'not a zip at all', entries: [], raw: async () => text('just text, not an archive'), refusedWith: 'bundle.notZip' },
  { name: 'newer bundle format', entries: [{ name: 'data/a.csv', bytes: csv }], options: { manifest: (m) => ({ ...m, formatVersion: 99 }) }, refusedWith: 'bundle.newerFormat' },
  {
    name: 'signed manifest changed after signing',
    entries: [{ name: 'data/a.csv', bytes: csv }],
    options: { key: trustedKey, tamperManifest: (bytes) => Buffer.from(bytes.toString().replace('"Hostile"', '"Hostilf"')) },
    refusedWith: 'bundle.tampered',
    allowUnverified: true,
  },
  {
    name: 'signed data file changed after signing',
    entries: [{ name: 'data/a.csv', bytes: text('a,b\n1,2\n'), compress: false }],
    options: { key: trustedKey, manifest: (m) => m, patch: (zip) => zip /* replaced below */ },
    refusedWith: 'bundle.entryChanged',
  },
  { name: 'unsigned, not confirmed', entries: [{ name: 'data/a.csv', bytes: csv }], refusedWith: 'bundle.unverifiedUnsigned', allowUnverified: false },
  { name: 'unknown signer, not confirmed', entries: [{ name: 'data/a.csv', bytes: csv }], options: { key: strangerKey }, refusedWith: 'bundle.unverifiedSigner', allowUnverified: false },
];

// A byte of a signed bundle's data changed: the signature still holds (it covers the manifest), the hash does not.
corpus.find((c) => c.name === 'signed data file changed after signing')!.options!.patch = (zip) => {
  // Changes the data and fixes its CRC, as a careful attacker would: only the manifest's hash can catch it.
  const crcBytes = (text: string): Buffer => {
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(zlib.crc32(text) >>> 0);
    return crc;
  };
  zip.write('a,b\n6,6\n', zip.indexOf('a,b\n1,2\n'));
  const [before, after] = [crcBytes('a,b\n1,2\n'), crcBytes('a,b\n6,6\n')];
  for (let at = zip.indexOf(before); at >= 0; at = zip.indexOf(before, at + 4)) after.copy(zip, at);
  return zip;
};

describe('safe import refuses a hostile corpus before anything is kept', { timeout: 120_000 }, () => {
  it('has at least 20 cases', () => expect(corpus.length).toBeGreaterThanOrEqual(20));

  for (const hostile of corpus) {
    it(`refuses: ${hostile.name}`, async () => {
      const caseDir = path.join(root.dir, 'cases', hostile.name.replace(/[^a-z0-9]+/gi, '-'));
      await mkdir(caseDir, { recursive: true });
      const file = path.join(caseDir, 'hostile.datalab');
      if (hostile.raw) await writeFile(file, await hostile.raw());
      else await writeFixtureBundle(file, hostile.entries, hostile.options);
      const library = path.join(caseDir, 'library');
      const before = await listTree(root.dir);

      const refusal = await importBundle(file, { library, trustStore, allowUnverified: hostile.allowUnverified ?? true, limits: testLimits }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(HostFailure);
      expect((refusal as HostFailure).code, (refusal as Error).message).toBe(hostile.refusedWith);
      expect((refusal as HostFailure).message).toContain('hostile.datalab');

      // `bundle verify` gives the same reason (trust aside: verify reports it instead of refusing).
      if (!hostile.refusedWith.startsWith('bundle.unverified')) {
        const verified = await verifyBundle(file, trustStore, testLimits).catch((error: unknown) => error);
        expect((verified as HostFailure).code).toBe(hostile.refusedWith);
      }

      // Nothing kept: the library holds nothing, and nothing appeared anywhere in the scratch folder.
      expect(await readdir(library).catch(() => [])).toEqual([]);
      const after = (await listTree(root.dir)).filter((p) => p !== path.relative(root.dir, library));
      expect(after).toEqual(before);
    });
  }
});

describe('a sound bundle', () => {
  it('is imported into <id>@<version>, byte for byte, and shown as verified when its signer is trusted', async () => {
    const dir = path.join(root.dir, 'sound');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'course.datalab');
    const parquetLike = randomBytes(4096);
    await writeFixtureBundle(
      file,
      [
        { name: 'data/a.csv', bytes: csv },
        { name: 'data/caf\u00e9 bleu.parquet', bytes: parquetLike, compress: false },
      ],
      { key: trustedKey },
    );
    expect((await verifyBundle(file, trustStore)).trust).toBe('verified');
    const imported = await importBundle(file, { library: path.join(dir, 'library'), trustStore, allowUnverified: false });
    expect(imported.trust).toBe('verified');
    expect(imported.folder).toBe(path.join(dir, 'library', 'hostile@1.0.0'));
    expect(await readFile(path.join(imported.folder, 'data', 'café bleu.parquet'))).toEqual(parquetLike);
    expect(await listTree(path.join(dir, 'library'))).toEqual(['hostile@1.0.0', 'hostile@1.0.0/data', 'hostile@1.0.0/data/a.csv', 'hostile@1.0.0/data/café bleu.parquet']);
    // Importing again replaces the copy whole.
    await importBundle(file, { library: path.join(dir, 'library'), trustStore, allowUnverified: false });
    expect(await readdir(path.join(dir, 'library'))).toEqual(['hostile@1.0.0']);
  });

  it('from an unknown signer or unsigned opens only once the user confirmed, and says which', async () => {
    const dir = path.join(root.dir, 'unverified');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'course.datalab');
    await writeFixtureBundle(file, [{ name: 'data/a.csv', bytes: csv }], { key: strangerKey });
    expect((await importBundle(file, { library: path.join(dir, 'library'), trustStore, allowUnverified: true })).trust).toBe('unknown-signer');
    await writeFixtureBundle(file, [{ name: 'data/a.csv', bytes: csv }]);
    expect((await importBundle(file, { library: path.join(dir, 'library'), trustStore, allowUnverified: true })).trust).toBe('unsigned');
  });
});
