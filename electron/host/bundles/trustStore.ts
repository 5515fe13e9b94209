/**
 * The instructor keys this app trusts, kept in the data folder (trusted-keys.json): import one from
 * a file, list them with their fingerprints, remove one. A damaged list trusts nobody and says so.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { TrustedKeys } from '../../../shared/contract/bundle';
import { writeFileAtomically } from '../files/atomicWrite';
import { HostFailure } from '../hostFailure';
import { fingerprintOf, readPublicKey } from './signing';

export interface TrustedKey {
  publicKey: string;
  name: string;
  fingerprint: string;
  addedAt: string;
}

export class TrustStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'trusted-keys.json');
  }

  async list(): Promise<TrustedKey[]> {
    return (await this.load()).keys.map((key) => ({ ...key, fingerprint: fingerprintOf(key.publicKey) }));
  }

  /** Trusts the key in `keyFile` (a public key, or an instructor's key pair whose public half is kept). */
  async importFrom(keyFile: string, name?: string): Promise<TrustedKey> {
    const key = await readPublicKey(keyFile);
    const stored = await this.load();
    const existing = stored.keys.find((k) => k.publicKey === key.publicKey);
    if (existing) return { ...existing, fingerprint: fingerprintOf(existing.publicKey) };
    const entry = { publicKey: key.publicKey, name: name ?? key.name ?? path.basename(keyFile), addedAt: new Date().toISOString() };
    await this.save({ keys: [...stored.keys, entry] });
    return { ...entry, fingerprint: fingerprintOf(entry.publicKey) };
  }

  /** Removes the key with this fingerprint (dashes and case do not matter); false when none had it. */
  async remove(fingerprint: string): Promise<boolean> {
    const wanted = fingerprint.replaceAll('-', '').toLowerCase();
    const stored = await this.load();
    const keys = stored.keys.filter((key) => fingerprintOf(key.publicKey).replaceAll('-', '') !== wanted);
    if (keys.length === stored.keys.length) return false;
    await this.save({ keys });
    return true;
  }

  async trusts(publicKey: string): Promise<boolean> {
    return (await this.load()).keys.some((key) => key.publicKey === publicKey);
  }

  private async load(): Promise<TrustedKeys> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return { keys: [] };
    }
    try {
      return TrustedKeys.parse(JSON.parse(text));
    } catch {
      throw new HostFailure(500, 'bundle.trustDamaged', { file: this.file });
    }
  }

  private async save(keys: TrustedKeys): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomically(this.file, `${JSON.stringify(keys, null, 2)}\n`);
  }
}
