import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';

/**
 * The hash that signatories sign: `sha256:` + hex SHA-256 of the RFC 8785 canonical JSON of a
 * document's content. Pure (no Node crypto) so that deciders compute it themselves and never
 * trust a hash handed in by a caller.
 */
export function contentHash(content: unknown): string {
  const text = canonicalize(content);
  if (text === undefined) throw new TypeError('content cannot be canonicalised');
  return `sha256:${bytesToHex(sha256(new TextEncoder().encode(text)))}`;
}
