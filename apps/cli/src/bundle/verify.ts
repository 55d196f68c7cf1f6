/**
 * The audit bundle verifier (docs/audit-bundle.md, "Verifying a bundle"): offline by
 * construction — no database, no server, no Nest; only node:crypto and RFC 8785 canonicalisation.
 * It trusts nothing in the bundle but the keys it is given (`--key`) — or, without them, the keys
 * the bundle carries, which it then says — and a checkpoint the auditor kept (`--checkpoint`).
 * It stops at the first problem, in the order the spec fixes, and names it.
 */
import { createHash, createPublicKey, verify as ed25519Verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';

export const BUNDLE_FORMAT = 'ecvet-audit-bundle/1';
export const CHECKPOINT_FORMAT = 'ecvet-checkpoint/1';
/** The previous hash of a stream's first event, and the previous seal hash of seal 1. */
export const GENESIS = '0'.repeat(64);
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows (RFC 8410). */
export const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const PARTS = ['keys', 'checkpoint', 'seals', 'events', 'workflow', 'documents'] as const;
type PartName = (typeof PARTS)[number];
const PART_OF_KIND: Record<string, PartName> = {
  key: 'keys',
  checkpoint: 'checkpoint',
  seal: 'seals',
  event: 'events',
  workflow: 'workflow',
  document: 'documents',
};

export type ProblemKind =
  | 'bundle-malformed'
  | 'unsupported-format'
  | 'key-invalid'
  | 'seal-hash-mismatch'
  | 'seal-key-untrusted'
  | 'seal-signature-invalid'
  | 'seal-chain-broken'
  | 'checkpoint-invalid'
  | 'checkpoint-signature-invalid'
  | 'checkpoint-inconsistent'
  | 'checkpoint-not-on-chain'
  | 'checkpoint-not-covered'
  | 'events-out-of-order'
  | 'event-hash-mismatch'
  | 'missing-events'
  | 'chain-broken'
  | 'proof-seal-missing'
  | 'proof-invalid'
  | 'manifest-mismatch'
  | 'document-digest-mismatch'
  | 'manifest-digest-mismatch'
  | 'manifest-key-untrusted'
  | 'manifest-signature-invalid';

export interface BundleProblem {
  kind: ProblemKind;
  message: string;
  /** 1-based line of the bundle the problem is on, when it is on one. */
  line?: number;
  part?: PartName | 'manifest';
  stream?: string;
  version?: number;
  seal?: number;
}

export interface BundleReport {
  ok: boolean;
  problem?: BundleProblem;
  /** What was not checked and why (no checkpoint line, keys taken from the bundle, …). */
  warnings: string[];
  subject?: { type: string; id: string };
  events: number;
  streams: number;
  seals: number;
  sealRange?: { fromSeq: number; toSeq: number };
  /** Whose keys the signatures were checked with. */
  keys: 'given' | 'bundled';
  /** How the kept checkpoint relates to the bundle's seal chain, when one was given. */
  checkpoint?: 'on-chain' | 'extends';
  /** Events of the exported streams that no seal covered yet (not in the bundle). */
  unsealed: number;
}

/** A checkpoint the auditor kept: a seal hash, or the signed checkpoint as GET /audit/checkpoint served it. */
export interface KeptCheckpoint {
  sealHash: string;
  seq?: number;
  treeSize?: number;
  signed?: { body: CheckpointBody; signature: string };
}

export interface VerifyOptions {
  /** Trusted Ed25519 public keys (SPKI PEM). Given: only these; else the bundle's own keys. */
  trustedKeys?: string[];
  checkpoint?: KeptCheckpoint;
}

// ---------------------------------------------------------------------------------------------
// The primitives of the spec: every hash input, exported for the test vectors.

const sha256 = (...parts: Array<Buffer | string>): Buffer => {
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

/** RFC 9162 §2.1.3.2: is `leaf` (an event hash) at `index` of a tree of `size` with `root`? */
export function verifyInclusion(
  leaf: Buffer,
  index: number,
  size: number,
  path: Buffer[],
  root: Buffer,
): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = sha256(Buffer.from([0x00]), leaf);
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([0x01]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = sha256(Buffer.from([0x01]), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

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

function signatureValid(digest: Buffer, signatureB64: string, key: KeyObject): boolean {
  const signature = Buffer.from(signatureB64, 'base64');
  if (signature.length !== 64) return false;
  try {
    return ed25519Verify(null, digest, key, signature);
  } catch {
    return false;
  }
}

/** A kept checkpoint from the `--checkpoint` argument's text: 64 hex digits, or a checkpoint's JSON. */
export function parseKeptCheckpoint(text: string): KeptCheckpoint {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return { sealHash: trimmed.toLowerCase() };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error('a checkpoint is a seal hash (64 hex digits) or a checkpoint as JSON');
  }
  const c = parsed as { body?: unknown; signature?: unknown };
  const problem = checkpointShape(c.body) ?? (isB64(c.signature) ? undefined : 'its signature');
  if (problem) throw new Error(`not a checkpoint (${problem})`);
  const body = c.body as CheckpointBody;
  return {
    sealHash: body.sealHash,
    seq: body.seq,
    treeSize: body.treeSize,
    signed: { body, signature: c.signature as string },
  };
}

// ---------------------------------------------------------------------------------------------
// The shapes of the lines (docs/audit-bundle.md, "Lines").

interface CheckpointBody {
  format: string;
  keyId: string;
  sealHash: string;
  sealedAt: string;
  seq: number;
  treeSize: number;
}
interface SealBody {
  eventCount: number;
  fromCheckpoint: string;
  keyId: string;
  merkleRoot: string;
  prevSealHash: string;
  sealedAt: string;
  seq: number;
  toCheckpoint: string;
}
interface SealLine {
  body: SealBody;
  hash: string;
  signature: string;
  line: number;
}
interface EventObject {
  data: unknown;
  id: string;
  metadata: unknown;
  prevHash: string;
  recordedAt: string;
  stream: string;
  type: string;
  version: number;
}
interface EventLine {
  checkpoint: string;
  event: EventObject;
  hash: string;
  proof: { leafIndex: number; path: string[]; seal: number; treeSize: number };
  line: number;
}
interface ManifestBody {
  documents: Array<{ mediaType: string; name: string; sha256: string }>;
  format: string;
  keyId: string | null;
  parts: Record<PartName, { lines: number; sha256: string }>;
  range: { from: string | null; to: string | null };
  seals: { fromSeq: number | null; toSeq: number | null };
  streams: Array<{
    fromVersion: number | null;
    stream: string;
    toVersion: number | null;
    unsealed: number;
  }>;
  subject: { id: string; type: 'mobility' | 'partnership' | 'institution' };
  workflow: { reason: string | null; status: string; workflowId: string | null };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isHex = (v: unknown, length: number): v is string =>
  typeof v === 'string' && v.length === length && /^[0-9a-f]*$/.test(v);
const isB64 = (v: unknown): v is string =>
  typeof v === 'string' && v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v);
const isNat = (v: unknown, min = 0): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const isCheckpoint = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{20}-\d{20}$/.test(v);
const isTime = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v);
const orNull = <T>(v: unknown, test: (v: unknown) => v is T): boolean => v === null || test(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const hasExactly = (o: Json, keys: string[]) =>
  Object.keys(o).length === keys.length && keys.every((k) => k in o);

/** What is wrong with a checkpoint body's shape, or undefined. */
function checkpointShape(body: unknown): string | undefined {
  if (!isObject(body)) return 'no body';
  if (!hasExactly(body, ['format', 'keyId', 'sealHash', 'sealedAt', 'seq', 'treeSize']))
    return 'its body has other members than format, keyId, sealHash, sealedAt, seq, treeSize';
  if (body.format !== CHECKPOINT_FORMAT) return `its format is not ${CHECKPOINT_FORMAT}`;
  if (!isHex(body.keyId, 16) || !isHex(body.sealHash, 64) || !isTime(body.sealedAt))
    return 'a key id, seal hash or time is not well formed';
  if (!isNat(body.seq, 1) || !isNat(body.treeSize, 1)) return 'seq or treeSize is not a count';
  return undefined;
}

function lineShape(kind: string, o: Json): string | undefined {
  switch (kind) {
    case 'key':
      return hasExactly(o, ['keyId', 'kind', 'spki']) && isHex(o.keyId, 16) && isB64(o.spki)
        ? undefined
        : 'a key line is {keyId, kind, spki}';
    case 'checkpoint':
      return hasExactly(o, ['body', 'kind', 'signature']) && isB64(o.signature)
        ? checkpointShape(o.body)
        : 'a checkpoint line is {body, kind, signature}';
    case 'seal': {
      const b = o.body;
      const ok =
        hasExactly(o, ['body', 'hash', 'kind', 'signature']) &&
        isHex(o.hash, 64) &&
        isB64(o.signature) &&
        isObject(b) &&
        hasExactly(b, [
          'eventCount',
          'fromCheckpoint',
          'keyId',
          'merkleRoot',
          'prevSealHash',
          'sealedAt',
          'seq',
          'toCheckpoint',
        ]) &&
        isNat(b.eventCount, 1) &&
        (b.fromCheckpoint === '' || isCheckpoint(b.fromCheckpoint)) &&
        isString(b.keyId) &&
        isHex(b.merkleRoot, 64) &&
        isHex(b.prevSealHash, 64) &&
        isTime(b.sealedAt) &&
        isNat(b.seq, 1) &&
        isCheckpoint(b.toCheckpoint);
      return ok ? undefined : 'a seal line is {body, hash, kind, signature} with the 8 seal fields';
    }
    case 'event': {
      const e = o.event;
      const p = o.proof;
      const ok =
        hasExactly(o, ['checkpoint', 'event', 'hash', 'kind', 'proof']) &&
        isCheckpoint(o.checkpoint) &&
        isHex(o.hash, 64) &&
        isObject(e) &&
        hasExactly(e, [
          'data',
          'id',
          'metadata',
          'prevHash',
          'recordedAt',
          'stream',
          'type',
          'version',
        ]) &&
        isString(e.id) &&
        isHex(e.prevHash, 64) &&
        isString(e.recordedAt) &&
        isString(e.stream) &&
        e.stream !== '' &&
        isString(e.type) &&
        isNat(e.version, 1) &&
        isObject(p) &&
        hasExactly(p, ['leafIndex', 'path', 'seal', 'treeSize']) &&
        isNat(p.leafIndex) &&
        Array.isArray(p.path) &&
        p.path.every((h) => isHex(h, 64)) &&
        isNat(p.seal, 1) &&
        isNat(p.treeSize, 1);
      return ok
        ? undefined
        : 'an event line is {checkpoint, event, hash, kind, proof} with the 8 event fields';
    }
    case 'workflow':
      return hasExactly(o, ['history', 'kind', 'runId', 'workflowId']) &&
        isString(o.runId) &&
        isString(o.workflowId)
        ? undefined
        : 'a workflow line is {history, kind, runId, workflowId}';
    case 'document':
      return hasExactly(o, ['content', 'kind', 'mediaType', 'name']) &&
        isB64(o.content) &&
        isString(o.mediaType) &&
        isString(o.name)
        ? undefined
        : 'a document line is {content, kind, mediaType, name}';
    default:
      return `unknown kind "${kind}"`;
  }
}

function manifestShape(o: Json): string | undefined {
  const shape = 'the manifest line is {body, kind, signature} with the members of the spec';
  if (!hasExactly(o, ['body', 'kind', 'signature']) || !orNull(o.signature, isB64)) return shape;
  const b = o.body as Json;
  const parts = b.parts as Json;
  const ok =
    hasExactly(b, [
      'documents',
      'format',
      'keyId',
      'parts',
      'range',
      'seals',
      'streams',
      'subject',
      'workflow',
    ]) &&
    Array.isArray(b.documents) &&
    b.documents.every(
      (d) =>
        isObject(d) &&
        hasExactly(d, ['mediaType', 'name', 'sha256']) &&
        isString(d.mediaType) &&
        isString(d.name) &&
        isHex(d.sha256, 64),
    ) &&
    orNull(b.keyId, (v): v is string => isHex(v, 16)) &&
    (b.keyId === null) === (o.signature === null) &&
    isObject(parts) &&
    hasExactly(parts, [...PARTS]) &&
    PARTS.every((p) => {
      const part = parts[p];
      return (
        isObject(part) &&
        hasExactly(part, ['lines', 'sha256']) &&
        isNat(part.lines) &&
        isHex(part.sha256, 64)
      );
    }) &&
    isObject(b.range) &&
    hasExactly(b.range, ['from', 'to']) &&
    orNull(b.range.from, isString) &&
    orNull(b.range.to, isString) &&
    isObject(b.seals) &&
    hasExactly(b.seals, ['fromSeq', 'toSeq']) &&
    orNull(b.seals.fromSeq, (v): v is number => isNat(v, 1)) &&
    orNull(b.seals.toSeq, (v): v is number => isNat(v, 1)) &&
    Array.isArray(b.streams) &&
    b.streams.every(
      (s) =>
        isObject(s) &&
        hasExactly(s, ['fromVersion', 'stream', 'toVersion', 'unsealed']) &&
        isString(s.stream) &&
        orNull(s.fromVersion, (v): v is number => isNat(v, 1)) &&
        orNull(s.toVersion, (v): v is number => isNat(v, 1)) &&
        (s.fromVersion === null) === (s.toVersion === null) &&
        isNat(s.unsealed),
    ) &&
    isObject(b.subject) &&
    hasExactly(b.subject, ['id', 'type']) &&
    isString(b.subject.id) &&
    ['mobility', 'partnership', 'institution'].includes(b.subject.type as string) &&
    isObject(b.workflow) &&
    hasExactly(b.workflow, ['reason', 'status', 'workflowId']) &&
    ['included', 'absent', 'not-applicable'].includes(b.workflow.status as string) &&
    orNull(b.workflow.reason, isString) &&
    orNull(b.workflow.workflowId, isString);
  return ok ? undefined : shape;
}

// ---------------------------------------------------------------------------------------------

class Found extends Error {
  constructor(readonly problem: BundleProblem) {
    super(problem.message);
  }
}
const fail = (problem: BundleProblem): never => {
  throw new Found(problem);
};

/** Strings by Unicode code points (UTF-8 byte order): the bundle's one string order. */
const byCodePoints = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Verifies a bundle's bytes; never throws for a bad bundle (the report names the problem). */
export function verifyBundle(bytes: Buffer, options: VerifyOptions = {}): BundleReport {
  const report: BundleReport = {
    ok: true,
    warnings: [],
    events: 0,
    streams: 0,
    seals: 0,
    keys: options.trustedKeys ? 'given' : 'bundled',
    unsealed: 0,
  };
  try {
    check(bytes, options, report);
  } catch (err) {
    if (!(err instanceof Found)) throw err;
    report.ok = false;
    report.problem = err.problem;
  }
  return report;
}

function check(bytes: Buffer, options: VerifyOptions, report: BundleReport): void {
  // 1. The file: UTF-8, LF-terminated lines, each an RFC 8785 object with a kind.
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes))
    fail({ kind: 'bundle-malformed', message: 'the file is not UTF-8' });
  if (text.length === 0 || !text.endsWith('\n'))
    fail({
      kind: 'bundle-malformed',
      message: 'the file is empty or does not end with a line feed',
    });
  const raw = text.slice(0, -1).split('\n');
  const lines = raw.map((l, i) => {
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(l);
    } catch {
      return fail({ kind: 'bundle-malformed', line, message: `line ${line} is not JSON` });
    }
    if (!isObject(value) || typeof value.kind !== 'string')
      fail({
        kind: 'bundle-malformed',
        line,
        message: `line ${line} is not an object with a kind`,
      });
    if (jcs(value) !== l)
      fail({
        kind: 'bundle-malformed',
        line,
        message: `line ${line} is not in RFC 8785 canonical form`,
      });
    return { value: value as Json, line, text: l };
  });

  // 2. The manifest first, then the parts in their order.
  const head = lines[0];
  if (head.value.kind !== 'manifest')
    fail({ kind: 'bundle-malformed', line: 1, message: 'line 1 is not the manifest' });
  const format = isObject(head.value.body) ? head.value.body.format : undefined;
  if (format !== BUNDLE_FORMAT)
    fail({
      kind: 'unsupported-format',
      line: 1,
      part: 'manifest',
      message: `the bundle's format is ${JSON.stringify(format)}, this verifier reads ${BUNDLE_FORMAT}`,
    });
  const manifestProblem = manifestShape(head.value);
  if (manifestProblem)
    fail({ kind: 'bundle-malformed', line: 1, part: 'manifest', message: manifestProblem });
  const manifest = head.value.body as ManifestBody;
  const manifestSignature = head.value.signature as string | null;
  report.subject = manifest.subject;

  const byPart: Record<PartName, typeof lines> = {
    keys: [],
    checkpoint: [],
    seals: [],
    events: [],
    workflow: [],
    documents: [],
  };
  let rank = 0;
  for (const l of lines.slice(1)) {
    const kind = l.value.kind as string;
    const part = PART_OF_KIND[kind];
    const shape = part ? lineShape(kind, l.value) : `unknown kind "${kind}"`;
    if (shape)
      fail({ kind: 'bundle-malformed', line: l.line, message: `line ${l.line}: ${shape}` });
    const r = PARTS.indexOf(part);
    if (r < rank)
      fail({
        kind: 'bundle-malformed',
        line: l.line,
        message: `line ${l.line}: a ${kind} line after the ${PARTS[rank]} part (the order is manifest, ${PARTS.join(', ')})`,
      });
    rank = r;
    byPart[part].push(l);
  }
  if (byPart.checkpoint.length > 1)
    fail({
      kind: 'bundle-malformed',
      line: byPart.checkpoint[1].line,
      message: 'a bundle has at most one checkpoint line',
    });

  // 3. Keys: each key's id is its SPKI's; the trusted ones are those given, or else these.
  const bundled = new Map<string, KeyObject>();
  for (const l of byPart.keys) {
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

  // 4. Seals: each one's hash, key, signature, and its link to the previous one.
  const seals: SealLine[] = byPart.seals.map((l) => ({
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
  const sealedAfter = (index: number) =>
    seals.slice(index + 1).reduce((n, s) => n + s.body.eventCount, 0);

  // 5. The bundle's checkpoint: the server's signed statement of the latest seal and tree size.
  let headTreeSize: number | undefined;
  const cpLine = byPart.checkpoint[0];
  if (cpLine) {
    const cp = cpLine.value as { body: CheckpointBody; signature: string };
    const bad = (why: string) =>
      fail({
        kind: 'checkpoint-invalid',
        line: cpLine.line,
        part: 'checkpoint',
        message: `the bundle's checkpoint ${why}`,
      });
    const key = trusted.get(cp.body.keyId);
    if (!key) bad(`is signed with key ${cp.body.keyId}, which is not a trusted key`);
    if (!signatureValid(bodyDigest(cp.body), cp.signature, key!)) bad('has an invalid signature');
    if (!last) bad('names a seal, but the bundle holds none');
    if (
      cp.body.seq !== last.body.seq ||
      cp.body.sealHash !== last.hash ||
      cp.body.sealedAt !== last.body.sealedAt
    )
      bad(`is not the bundle's last seal (${last.body.seq})`);
    if (cp.body.treeSize < sealedAfter(-1))
      bad(`counts ${cp.body.treeSize} sealed events, fewer than the bundle's seals cover`);
    headTreeSize = cp.body.treeSize;
  } else if (last) {
    report.warnings.push('the bundle has no signed checkpoint (the server had no seal key)');
  }

  // 6. The checkpoint the auditor kept: on the chain, or the chain extends from it.
  const kept = options.checkpoint;
  if (kept) {
    const name = `the kept checkpoint (${kept.seq !== undefined ? `seal ${kept.seq}, ` : ''}${kept.sealHash})`;
    if (kept.signed) {
      const key = trusted.get(kept.signed.body.keyId);
      if (!key)
        report.warnings.push(
          `${name} is signed with key ${kept.signed.body.keyId}, which is not a trusted key: its signature was not checked`,
        );
      else if (!signatureValid(bodyDigest(kept.signed.body), kept.signed.signature, key))
        fail({
          kind: 'checkpoint-signature-invalid',
          message: `${name} has an invalid signature`,
        });
    }
    const inconsistent = (why: string) =>
      fail({ kind: 'checkpoint-inconsistent', message: `${name} ${why}` });
    const index = seals.findIndex((s) => s.hash === kept.sealHash);
    if (index >= 0) {
      const seal = seals[index];
      if (kept.seq !== undefined && kept.seq !== seal.body.seq)
        inconsistent(`names seal ${kept.seq}, but that hash is seal ${seal.body.seq}'s`);
      if (
        kept.treeSize !== undefined &&
        headTreeSize !== undefined &&
        headTreeSize - sealedAfter(index) !== kept.treeSize
      )
        inconsistent(
          `counts ${kept.treeSize} sealed events, the bundle's chain ${headTreeSize - sealedAfter(index)} at that seal`,
        );
      report.checkpoint = 'on-chain';
    } else if (first && first.body.prevSealHash === kept.sealHash) {
      if (kept.seq !== undefined && kept.seq !== first.body.seq - 1)
        inconsistent(`names seal ${kept.seq}, but seal ${first.body.seq} follows that hash`);
      if (
        kept.treeSize !== undefined &&
        headTreeSize !== undefined &&
        headTreeSize - sealedAfter(-1) !== kept.treeSize
      )
        inconsistent(
          `counts ${kept.treeSize} sealed events, the bundle's chain ${headTreeSize - sealedAfter(-1)} before seal ${first.body.seq}`,
        );
      report.checkpoint = 'extends';
    } else if (
      !first ||
      (kept.seq !== undefined && (kept.seq < first.body.seq - 1 || kept.seq > last.body.seq))
    ) {
      fail({
        kind: 'checkpoint-not-covered',
        message: first
          ? `${name} is outside the bundle's seal chain (seals ${first.body.seq}..${last.body.seq}): export again with --checkpoint to include it`
          : `${name} cannot be checked: the bundle holds no seal`,
      });
    } else {
      fail({
        kind: 'checkpoint-not-on-chain',
        message:
          `${name} is not on the bundle's seal chain (seals ${first.body.seq}..${last.body.seq}) and the chain does not extend from it: ` +
          'the history was rewritten and sealed again' +
          (kept.seq === undefined
            ? ' — or the checkpoint is older than the chain (export again with --checkpoint)'
            : ''),
      });
    }
  }

  // 7. Events: in order; each hash, each stream's chain, each inclusion proof.
  const events: EventLine[] = byPart.events.map((l) => ({
    ...(l.value as Omit<EventLine, 'line'>),
    line: l.line,
  }));
  const where = (e: EventLine) => ({
    line: e.line,
    part: 'events' as const,
    stream: e.event.stream,
    version: e.event.version,
  });
  const label = (e: EventLine) => `${e.event.stream}@${e.event.version} (line ${e.line})`;
  for (let i = 1; i < events.length; i++) {
    const [a, b] = [events[i - 1].event, events[i].event];
    const order = byCodePoints(a.stream, b.stream) || a.version - b.version;
    if (order >= 0)
      fail({
        kind: 'events-out-of-order',
        ...where(events[i]),
        message: `${label(events[i])} comes after ${label(events[i - 1])}: events are ordered by stream, then version`,
      });
  }
  const sealsBySeq = new Map(seals.map((s) => [s.body.seq, s]));
  const placed = new Map<number, Array<{ checkpoint: string; leafIndex: number; e: EventLine }>>();
  const found = new Map<string, { from: number; to: number }>();
  let previous: EventLine | undefined;
  for (const e of events) {
    const at = where(e);
    const hash = eventHashOf(e.event);
    if (hash !== e.hash)
      fail({
        kind: 'event-hash-mismatch',
        ...at,
        message: `${label(e)} was altered: its fields no longer hash to its hash`,
      });
    const sameStream = previous?.event.stream === e.event.stream;
    if (sameStream && e.event.version !== previous!.event.version + 1)
      fail({
        kind: 'missing-events',
        ...at,
        message: `${e.event.stream} jumps from version ${previous!.event.version} to ${e.event.version}: versions ${previous!.event.version + 1}..${e.event.version - 1} are missing`,
      });
    if (
      sameStream
        ? e.event.prevHash !== previous!.hash
        : e.event.version === 1 && e.event.prevHash !== GENESIS
    )
      fail({
        kind: 'chain-broken',
        ...at,
        message: sameStream
          ? `${label(e)} does not chain to the stream's previous event`
          : `${label(e)} is a stream's first event but does not start from the genesis hash`,
      });
    const seal = sealsBySeq.get(e.proof.seal);
    if (!seal)
      fail({
        kind: 'proof-seal-missing',
        ...at,
        seal: e.proof.seal,
        message: `${label(e)} is proven against seal ${e.proof.seal}, which the bundle does not hold`,
      });
    const bad = (why: string) =>
      fail({
        kind: 'proof-invalid',
        ...at,
        seal: seal!.body.seq,
        message: `the inclusion proof of ${label(e)} in seal ${seal!.body.seq} ${why}`,
      });
    if (e.proof.treeSize !== seal!.body.eventCount)
      bad(`is for a tree of ${e.proof.treeSize} events; the seal covers ${seal!.body.eventCount}`);
    if (!(e.checkpoint > seal!.body.fromCheckpoint && e.checkpoint <= seal!.body.toCheckpoint))
      bad(`does not hold: the event's checkpoint ${e.checkpoint} is outside the seal's range`);
    if (
      !verifyInclusion(
        Buffer.from(hash, 'hex'),
        e.proof.leafIndex,
        e.proof.treeSize,
        e.proof.path.map((h) => Buffer.from(h, 'hex')),
        Buffer.from(seal!.body.merkleRoot, 'hex'),
      )
    )
      bad("does not lead to the seal's Merkle root");
    const list = placed.get(seal!.body.seq) ?? [];
    list.push({ checkpoint: e.checkpoint, leafIndex: e.proof.leafIndex, e });
    placed.set(seal!.body.seq, list);
    const range = found.get(e.event.stream);
    if (range) range.to = e.event.version;
    else found.set(e.event.stream, { from: e.event.version, to: e.event.version });
    previous = e;
  }
  // The log order of a seal's events is their leaves' order.
  for (const [seq, list] of [...placed.entries()].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => (a.checkpoint < b.checkpoint ? -1 : a.checkpoint > b.checkpoint ? 1 : 0));
    for (let i = 1; i < list.length; i++)
      if (
        list[i].checkpoint === list[i - 1].checkpoint ||
        list[i].leafIndex <= list[i - 1].leafIndex
      )
        fail({
          kind: 'proof-invalid',
          ...where(list[i].e),
          seal: seq,
          message: `the inclusion proof of ${label(list[i].e)} in seal ${seq} does not hold: its leaf index and checkpoint disagree with ${label(list[i - 1].e)}'s`,
        });
  }
  report.events = events.length;
  report.streams = found.size;

  // 8. The manifest: what it declares is what the bundle holds; its digests; its signature.
  const mismatch = (message: string) =>
    fail({ kind: 'manifest-mismatch', line: 1, part: 'manifest', message });
  const declared = manifest.streams;
  for (let i = 1; i < declared.length; i++)
    if (byCodePoints(declared[i - 1].stream, declared[i].stream) >= 0)
      mismatch('the manifest lists its streams out of order');
  const subjectStream = `${
    { mobility: 'Mobility', partnership: 'Partnership', institution: 'Institution' }[
      manifest.subject.type
    ]
  }-${manifest.subject.id}`;
  if (!declared.some((d) => d.stream === subjectStream))
    mismatch(`the manifest's streams do not include its subject's, ${subjectStream}`);
  for (const stream of found.keys())
    if (!declared.some((d) => d.stream === stream))
      mismatch(`${stream} is in the bundle but not in the manifest`);
  for (const d of declared) {
    const range = found.get(d.stream);
    report.unsealed += d.unsealed;
    if (d.fromVersion === null || d.toVersion === null) {
      if (range) mismatch(`the manifest declares no events of ${d.stream}, the bundle holds some`);
      continue;
    }
    const missing = (from: number, to: number) =>
      fail({
        kind: 'missing-events',
        line: 1,
        part: 'manifest',
        stream: d.stream,
        version: from,
        message: `${d.stream}: the manifest declares versions ${d.fromVersion}..${d.toVersion}, but ${from}..${to} are not in the bundle`,
      });
    if (!range) missing(d.fromVersion, d.toVersion);
    if (range!.from > d.fromVersion) missing(d.fromVersion, range!.from - 1);
    if (range!.to < d.toVersion) missing(range!.to + 1, d.toVersion);
    if (range!.from < d.fromVersion || range!.to > d.toVersion)
      mismatch(
        `${d.stream}: the bundle holds versions ${range!.from}..${range!.to}, the manifest declares ${d.fromVersion}..${d.toVersion}`,
      );
  }
  if (
    manifest.seals.fromSeq !== (first?.body.seq ?? null) ||
    manifest.seals.toSeq !== (last?.body.seq ?? null)
  )
    mismatch(
      `the manifest declares seals ${manifest.seals.fromSeq}..${manifest.seals.toSeq}, the bundle holds ${first?.body.seq ?? null}..${last?.body.seq ?? null}`,
    );
  const workflows = byPart.workflow.map((l) => l.value as { workflowId: string });
  if (
    manifest.workflow.status === 'included'
      ? workflows.length === 0 ||
        workflows.some((w) => w.workflowId !== manifest.workflow.workflowId)
      : workflows.length > 0
  )
    mismatch(
      `the workflow history is declared ${manifest.workflow.status} but the bundle holds ${workflows.length} workflow lines`,
    );
  const documents = byPart.documents.map(
    (l) => l.value as { content: string; mediaType: string; name: string; line: number },
  );
  if (documents.length !== manifest.documents.length)
    mismatch(
      `the manifest lists ${manifest.documents.length} documents, the bundle holds ${documents.length}`,
    );
  manifest.documents.forEach((d, i) => {
    const doc = documents[i];
    if (doc.name !== d.name || doc.mediaType !== d.mediaType)
      mismatch(
        `document ${i + 1} is ${doc.name} (${doc.mediaType}), the manifest lists ${d.name} (${d.mediaType})`,
      );
    if (sha256(Buffer.from(doc.content, 'base64')).toString('hex') !== d.sha256)
      fail({
        kind: 'document-digest-mismatch',
        line: byPart.documents[i].line,
        part: 'documents',
        message: `document ${d.name} does not have the digest the manifest lists`,
      });
  });
  for (const part of PARTS) {
    const got = byPart[part];
    const digest = sha256(got.map((l) => `${l.text}\n`).join('')).toString('hex');
    const want = manifest.parts[part];
    if (got.length !== want.lines || digest !== want.sha256)
      fail({
        kind: 'manifest-digest-mismatch',
        line: 1,
        part: 'manifest',
        message: `the ${part} part (${got.length} lines) does not match the manifest's digest of it (${want.lines} lines)`,
      });
  }
  if (manifest.keyId === null || manifestSignature === null) {
    report.warnings.push(
      'the manifest is not signed: the streams and ranges it declares are not attested',
    );
  } else {
    const key = trusted.get(manifest.keyId);
    if (!key)
      fail({
        kind: 'manifest-key-untrusted',
        line: 1,
        part: 'manifest',
        message: `the manifest is signed with key ${manifest.keyId}, which is not a trusted key`,
      });
    if (!signatureValid(bodyDigest(manifest), manifestSignature, key!))
      fail({
        kind: 'manifest-signature-invalid',
        line: 1,
        part: 'manifest',
        message: 'the manifest has an invalid signature (it was altered)',
      });
  }
}
