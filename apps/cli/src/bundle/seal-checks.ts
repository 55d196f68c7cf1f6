/** Keys, signatures and the seal chain (docs/audit-bundle.md, steps 3 and 4). */
import { createPublicKey, verify as ed25519Verify, type KeyObject } from 'node:crypto';
import type { BundleLine } from './bundle-lines';
import type { SealLine } from './line-shapes';
import { fail, type BundleReport, type VerifyOptions } from './problems';
import { bodyDigest, byCodePoints, ED25519_SPKI_PREFIX, GENESIS, keyIdOfSpki } from './primitives';

/** An Ed25519 public key from its SPKI DER, or undefined when it is not one. */
export function ed25519KeyOfSpki(der: Buffer): KeyObject | undefined {
  if (der.length !== 44 || !der.subarray(0, 12).equals(ED25519_SPKI_PREFIX)) return undefined;
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

/** A trusted key from a PEM text (what `--key` reads). Throws when it is not an Ed25519 public key. */
export function trustedKeyOfPem(pem: string): { keyId: string; key: KeyObject } {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  const der = key.export({ type: 'spki', format: 'der' });
  return { keyId: keyIdOfSpki(der), key };
}

export function signatureValid(digest: Buffer, signatureB64: string, key: KeyObject): boolean {
  const signature = Buffer.from(signatureB64, 'base64');
  if (signature.length !== 64) return false;
  try {
    return ed25519Verify(null, digest, key, signature);
  } catch {
    return false;
  }
}

/** Step 3. Keys: each key's id is its SPKI's; the trusted ones are those given, or else these. */
export function checkKeys(
  keys: BundleLine[],
  options: VerifyOptions,
  report: BundleReport,
): Map<string, KeyObject> {
  const bundled = new Map<string, KeyObject>();
  for (const l of keys) {
    const { keyId, spki } = l.value as { keyId: string; spki: string };
    const der = Buffer.from(spki, 'base64');
    const key = ed25519KeyOfSpki(der);
    if (!key)
      fail({
        kind: 'key-invalid',
        line: l.line,
        part: 'keys',
        message: `key ${keyId} (line ${l.line}) is not an Ed25519 public key`,
      });
    if (keyIdOfSpki(der) !== keyId)
      fail({
        kind: 'key-invalid',
        line: l.line,
        part: 'keys',
        message: `key ${keyId} (line ${l.line}): its key id is not that of its key (${keyIdOfSpki(der)})`,
      });
    const previous = [...bundled.keys()].pop();
    if (previous !== undefined && byCodePoints(previous, keyId) >= 0)
      fail({
        kind: 'bundle-malformed',
        line: l.line,
        message: `line ${l.line}: keys are not in ascending key id order`,
      });
    bundled.set(keyId, key!);
  }
  let trusted = bundled;
  if (options.trustedKeys) {
    trusted = new Map(
      options.trustedKeys.map((pem) => trustedKeyOfPem(pem)).map((k) => [k.keyId, k.key]),
    );
  } else {
    report.warnings.push(
      bundled.size > 0
        ? `signatures checked with the keys the bundle carries (${[...bundled.keys()].join(', ')}): pass --key with the key you trust, or --checkpoint`
        : 'the bundle carries no key and none was given: no signature can be trusted',
    );
  }
  return trusted;
}

/** Step 4. Seals: each one's hash, key, signature, and its link to the previous one. */
export function checkSeals(
  lines: BundleLine[],
  trusted: Map<string, KeyObject>,
  report: BundleReport,
): SealLine[] {
  const seals: SealLine[] = lines.map((l) => ({
    ...(l.value as Omit<SealLine, 'line'>),
    line: l.line,
  }));
  let previousSeal: SealLine | undefined;
  for (const s of seals) {
    const at = { line: s.line, part: 'seals' as const, seal: s.body.seq };
    const digest = bodyDigest(s.body);
    if (digest.toString('hex') !== s.hash)
      fail({
        kind: 'seal-hash-mismatch',
        ...at,
        message: `seal ${s.body.seq} (line ${s.line}) was altered: its fields do not hash to its hash`,
      });
    const key = trusted.get(s.body.keyId);
    if (!key)
      fail({
        kind: 'seal-key-untrusted',
        ...at,
        message: `seal ${s.body.seq} is signed with key ${s.body.keyId}, which is not a trusted key`,
      });
    if (!signatureValid(digest, s.signature, key!))
      fail({
        kind: 'seal-signature-invalid',
        ...at,
        message: `seal ${s.body.seq} has an invalid signature`,
      });
    const linked = previousSeal
      ? s.body.seq === previousSeal.body.seq + 1 &&
        s.body.prevSealHash === previousSeal.hash &&
        s.body.fromCheckpoint === previousSeal.body.toCheckpoint
      : s.body.seq !== 1 || (s.body.prevSealHash === GENESIS && s.body.fromCheckpoint === '');
    if (!linked || s.body.toCheckpoint <= s.body.fromCheckpoint)
      fail({
        kind: 'seal-chain-broken',
        ...at,
        message: previousSeal
          ? `seal ${s.body.seq} does not follow seal ${previousSeal.body.seq} (a seal was removed, replaced or reordered)`
          : `seal ${s.body.seq} does not start the chain (seal 1 follows the genesis hash from the start of the log)`,
      });
    previousSeal = s;
  }
  const first = seals[0];
  const last = seals[seals.length - 1];
  report.seals = seals.length;
  if (first) report.sealRange = { fromSeq: first.body.seq, toSeq: last.body.seq };
  return seals;
}

/** How many events the seals after `index` cover. */
export const sealedAfter = (seals: SealLine[], index: number) =>
  seals.slice(index + 1).reduce((n, s) => n + s.body.eventCount, 0);
