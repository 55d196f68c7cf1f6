import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonValue } from '../port/event-store.port';

/** The previous hash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value. */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalized as JSON');
  return text;
}

export interface HashedFields {
  stream: string;
  version: number;
  id: string;
  type: string;
  /** Canonical JSON text of the stored data (ciphertext for personal fields) and metadata. */
  dataJson: string;
  metadataJson: string;
  /** ISO 8601 with milliseconds, UTC (`Date.prototype.toISOString`). */
  recordedAt: string;
  prevHash: string;
}

/**
 * The canonical encoding of an event: the RFC 8785 text of the object
 * `{data, id, metadata, prevHash, recordedAt, stream, type, version}`. It is assembled from the
 * already-canonical data and metadata texts in JCS key order (keys sorted by UTF-16 code units;
 * strings as ES2015 JSON.stringify writes them), so hashing never re-parses the payload.
 * `event-hash.spec.ts` proves it equal to `canonicalize()` of the whole object.
 */
export function canonicalEventEncoding(e: HashedFields): string {
  const { betweenDataAndMetadata, beforeVersion } = canonicalEventParts(e);
  return (
    `{"data":${e.dataJson}${betweenDataAndMetadata}${e.metadataJson},"prevHash":"` +
    `${e.prevHash}${beforeVersion}${e.version}}`
  );
}

/**
 * The encoding's parts other than the data and metadata texts and the two fields that only the
 * database knows when it assigns the version (the PostgreSQL adapter's single-round-trip append
 * hashes there, and sends each payload text once):
 * `{"data":` data `betweenDataAndMetadata` metadata `,"prevHash":"` prevHash(hex) `beforeVersion`
 * version `}`.
 */
export function canonicalEventParts(
  e: Omit<HashedFields, 'prevHash' | 'version' | 'dataJson' | 'metadataJson'>,
): {
  betweenDataAndMetadata: string;
  beforeVersion: string;
} {
  return {
    betweenDataAndMetadata: `,"id":${JSON.stringify(e.id)},"metadata":`,
    beforeVersion:
      `","recordedAt":${JSON.stringify(e.recordedAt)},"stream":${JSON.stringify(e.stream)},` +
      `"type":${JSON.stringify(e.type)},"version":`,
  };
}

/** SHA-256 of the canonical encoding: what the store keeps and the verifier recomputes. */
export function eventHashDigest(e: HashedFields): Buffer {
  return createHash('sha256').update(canonicalEventEncoding(e), 'utf8').digest();
}

/** The same, as hex. */
export function eventHash(e: HashedFields): string {
  return eventHashDigest(e).toString('hex');
}
