import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintOf, newInstructorKey, publicKeyFileOf, readInstructorKey, signatureHolds, signManifest } from '../../../electron/host/bundles/signing';
import { TrustStore } from '../../../electron/host/bundles/trustStore';
import { HostFailure } from '../../../electron/host/hostFailure';
import { makeTempDir } from '../../support/tempDir';

let temp: { dir: string; cleanup(): Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir('datalab-trust-');
});
afterEach(() => temp.cleanup());

describe('signatures', () => {
  it('cover the exact bytes of the manifest: one changed byte (even whitespace) breaks them', () => {
    const key = newInstructorKey();
    const manifest = Buffer.from('{\n  "id": "course"\n}\n');
    const signature = signManifest(manifest, key);
    expect(signatureHolds(manifest, signature)).toBe(true);
    expect(signatureHolds(Buffer.from('{\n  "id": "course"\n} \n'), signature)).toBe(false);
    // Another key's signature of the same bytes is another signer, not this one.
    expect(signatureHolds(manifest, { ...signature, publicKey: newInstructorKey().publicKey })).toBe(false);
  });

  it('a key file that is not a key, or whose halves do not belong together, is refused with a clear message', async () => {
    const file = path.join(temp.dir, 'bad.key');
    for (const content of ['', 'not json', '{"format":"datalab-instructor-key"}', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n']) {
      await writeFile(file, content);
      await expect(readInstructorKey(file)).rejects.toThrow('“bad.key” is not a Data Lab key file.');
    }
    const mixed = { ...newInstructorKey(), publicKey: newInstructorKey().publicKey };
    await writeFile(file, JSON.stringify(mixed));
    await expect(readInstructorKey(file)).rejects.toThrow('“bad.key” is not a Data Lab key file.');
    await expect(readInstructorKey(path.join(temp.dir, 'missing.key'))).rejects.toThrow('“missing.key” cannot be read.');
  });
});

describe('the trusted keys', () => {
  it('are imported from a file, listed with their fingerprints, and removed by fingerprint', async () => {
    const store = new TrustStore(path.join(temp.dir, 'data'));
    const key = newInstructorKey();
    await writeFile(path.join(temp.dir, 'martin.pub'), JSON.stringify(publicKeyFileOf(key, 'Prof. Martin')));
    const trusted = await store.importFrom(path.join(temp.dir, 'martin.pub'));
    expect(trusted).toMatchObject({ name: 'Prof. Martin', fingerprint: fingerprintOf(key.publicKey) });
    expect(trusted.fingerprint).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);
    // Importing again keeps one entry.
    await store.importFrom(path.join(temp.dir, 'martin.pub'));
    expect((await store.list()).map((k) => k.fingerprint)).toEqual([trusted.fingerprint]);
    expect(await store.trusts(key.publicKey)).toBe(true);
    // The list is plain JSON in the data folder, without the private key.
    expect(await readFile(path.join(temp.dir, 'data', 'trusted-keys.json'), 'utf8')).not.toContain('PRIVATE');

    expect(await store.remove(trusted.fingerprint.toUpperCase())).toBe(true);
    expect(await store.remove(trusted.fingerprint)).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it('a damaged list trusts nobody and says where it is', async () => {
    const store = new TrustStore(temp.dir);
    await writeFile(store.file, '{"keys": [');
    const failure = await store.trusts('x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HostFailure);
    expect((failure as Error).message).toContain('trusted-keys.json');
  });
});
