import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from './event-hash';

/** The Ed25519 key that signs seals. Verifiers trust public keys by id, never the database. */
export interface SealSigner {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function generateSealSigner(): SealSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/** From a PKCS#8 PEM private key (e.g. the `SEAL_SIGNING_KEY` variable or a key file). */
export function sealSignerFromPem(pem: string): SealSigner {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error('the seal signing key must be Ed25519');
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

export function exportSealSigner(signer: SealSigner): {
  privateKeyPem: string;
  publicKeyPem: string;
} {
  return {
    privateKeyPem: signer.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: signer.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** What a seal commits to; its hash is SHA-256 of the RFC 8785 encoding of these fields. */
export interface SealBody {
  seq: number;
  fromCheckpoint: string;
  toCheckpoint: string;
  eventCount: number;
  merkleRoot: string;
  prevSealHash: string;
  sealedAt: string;
  keyId: string;
}

export function sealHash(body: SealBody): Buffer {
  return createHash('sha256')
    .update(canonicalJson({ ...body }), 'utf8')
    .digest();
}

export function signSeal(hash: Buffer, signer: SealSigner): Buffer {
  return sign(null, hash, signer.privateKey);
}

export function verifySealSignature(
  hash: Buffer,
  signature: Buffer,
  publicKey: KeyObject,
): boolean {
  return verify(null, hash, publicKey, signature);
}
