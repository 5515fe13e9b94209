/**
 * Ed25519 with Node's crypto: instructor key pairs, signatures of the exact bytes of datalab.json,
 * and the short fingerprint people compare by eye.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InstructorKeyFile, PublicKeyFile, type BundleSignature } from '../../../shared/contract/bundle';
import { HostFailure } from '../hostFailure';

/** "3f2a-91c0-77de-0b45": the first 64 bits of the SHA-256 of the raw public key. */
export function fingerprintOf(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16);
  return hex.match(/.{4}/g)!.join('-');
}

function publicKeyObject(publicKeyBase64: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyBase64, 'base64').toString('base64url') }, format: 'jwk' });
}

export function newInstructorKey(): InstructorKeyFile {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    format: 'datalab-instructor-key',
    algorithm: 'ed25519',
    publicKey: Buffer.from(jwk.x!, 'base64url').toString('base64'),
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

export function publicKeyFileOf(key: InstructorKeyFile, name?: string): PublicKeyFile {
  return { format: 'datalab-public-key', algorithm: 'ed25519', publicKey: key.publicKey, ...(name ? { name } : {}) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads an instructor's key file; anything else (a public key, a text file, a PEM) gets a clear message. */
export async function readInstructorKey(file: string): Promise<InstructorKeyFile> {
  const name = path.basename(file);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new HostFailure(404, 'bundle.keyUnreadable', { file: name });
  });
  const json = parseJson(text);
  if (PublicKeyFile.safeParse(json).success) throw new HostFailure(422, 'bundle.keyIsPublic', { file: name });
  const parsed = InstructorKeyFile.safeParse(json);
  if (!parsed.success) throw new HostFailure(422, 'bundle.keyInvalid', { file: name });
  try {
    const privateKey = createPrivateKey(parsed.data.privateKey);
    const derived = createPublicKey(privateKey).export({ format: 'jwk' });
    if (privateKey.asymmetricKeyType !== 'ed25519' || Buffer.from(derived.x!, 'base64url').toString('base64') !== parsed.data.publicKey) throw new Error('mismatch');
  } catch {
    throw new HostFailure(422, 'bundle.keyInvalid', { file: name });
  }
  return parsed.data;
}

/** Reads a public key to trust: a public key file, or the public half of an instructor's key file. */
export async function readPublicKey(file: string): Promise<PublicKeyFile> {
  const name = path.basename(file);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new HostFailure(404, 'bundle.keyUnreadable', { file: name });
  });
  const json = parseJson(text);
  const asPublic = PublicKeyFile.safeParse(json);
  const asPair = InstructorKeyFile.safeParse(json);
  const publicKey = asPublic.success ? asPublic.data.publicKey : asPair.success ? asPair.data.publicKey : null;
  if (publicKey === null) throw new HostFailure(422, 'bundle.keyInvalid', { file: name });
  try {
    publicKeyObject(publicKey);
  } catch {
    throw new HostFailure(422, 'bundle.keyInvalid', { file: name });
  }
  return asPublic.success ? asPublic.data : { format: 'datalab-public-key', algorithm: 'ed25519', publicKey };
}

export function signManifest(manifestBytes: Uint8Array, key: InstructorKeyFile): BundleSignature {
  const signature = sign(null, manifestBytes, createPrivateKey(key.privateKey));
  return { algorithm: 'ed25519', publicKey: key.publicKey, signature: signature.toString('base64') };
}

export function signatureHolds(manifestBytes: Uint8Array, signature: BundleSignature): boolean {
  try {
    return verify(null, manifestBytes, publicKeyObject(signature.publicKey), Buffer.from(signature.signature, 'base64'));
  } catch {
    return false;
  }
}
