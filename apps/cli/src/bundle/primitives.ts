/** The primitives of the audit bundle spec (docs/audit-bundle.md): every hash input. Offline: node:crypto only. */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const BUNDLE_FORMAT = 'ecvet-audit-bundle/1';
export const CHECKPOINT_FORMAT = 'ecvet-checkpoint/1';
/** The previous hash of a stream's first event, and the previous seal hash of seal 1. */
export const GENESIS = '0'.repeat(64);
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows (RFC 8410). */
export const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const sha256 = (...parts: Array<Buffer | string>): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RFC 8785 (JCS) text of a JSON value. */
export function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('not a JSON value');
  return text;
}

/** An event's hash: SHA-256 of the UTF-8 RFC 8785 text of the event object (8 members). */
export function eventHashOf(event: object): string {
  return sha256(jcs(event)).toString('hex');
}

/** A seal's hash, a checkpoint's or a manifest's digest: SHA-256 of the RFC 8785 text of its body. */
export function bodyDigest(body: object): Buffer {
  return sha256(jcs(body));
}

/** The key id of an Ed25519 SubjectPublicKeyInfo (DER): the first 16 hex digits of its SHA-256. */
export function keyIdOfSpki(der: Buffer): string {
  return sha256(der).toString('hex').slice(0, 16);
}

/** Strings by Unicode code points (UTF-8 byte order): the bundle's one string order. */
export const byCodePoints = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
