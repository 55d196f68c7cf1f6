/** The shapes of the bundle's lines (docs/audit-bundle.md, "Lines"). */
import { CHECKPOINT_FORMAT } from './primitives';

export const PARTS = ['keys', 'checkpoint', 'seals', 'events', 'workflow', 'documents'] as const;
export type PartName = (typeof PARTS)[number];
export const PART_OF_KIND: Record<string, PartName> = {
  key: 'keys',
  checkpoint: 'checkpoint',
  seal: 'seals',
  event: 'events',
  workflow: 'workflow',
  document: 'documents',
};

export interface CheckpointBody {
  format: string;
  keyId: string;
  sealHash: string;
  sealedAt: string;
  seq: number;
  treeSize: number;
}
export interface SealBody {
  eventCount: number;
  fromCheckpoint: string;
  keyId: string;
  merkleRoot: string;
  prevSealHash: string;
  sealedAt: string;
  seq: number;
  toCheckpoint: string;
}
export interface SealLine {
  body: SealBody;
  hash: string;
  signature: string;
  line: number;
}
export interface EventObject {
  data: unknown;
  id: string;
  metadata: unknown;
  prevHash: string;
  recordedAt: string;
  stream: string;
  type: string;
  version: number;
}
export interface EventLine {
  checkpoint: string;
  event: EventObject;
  hash: string;
  proof: { leafIndex: number; path: string[]; seal: number; treeSize: number };
  line: number;
}
export interface ManifestBody {
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

/** A document line (docs/audit-bundle.md): a rendered document and the event it is of. */
export interface DocumentLine {
  attached: 'canonical' | 'redacted';
  content: string;
  contentHash: string;
  event: { stream: string; version: number };
  language: string;
  mediaType: string;
  name: string;
  type: string;
  version: number | null;
  line: number;
}
/** Each document type and the type of the event it is rendered from. */
export const DOCUMENT_SOURCE: Record<string, string> = {
  'learning-agreement': 'LearningAgreementVersionDrafted',
  mou: 'MouVersionDrafted',
  transcript: 'TranscriptIssued',
  certificate: 'CertificateIssued',
};
const DOCUMENT_TYPES = Object.keys(DOCUMENT_SOURCE);

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isHex = (v: unknown, length: number): v is string =>
  typeof v === 'string' && v.length === length && /^[0-9a-f]*$/.test(v);
export const isB64 = (v: unknown): v is string =>
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
export function checkpointShape(body: unknown): string | undefined {
  if (!isObject(body)) return 'no body';
  if (!hasExactly(body, ['format', 'keyId', 'sealHash', 'sealedAt', 'seq', 'treeSize']))
    return 'its body has other members than format, keyId, sealHash, sealedAt, seq, treeSize';
  if (body.format !== CHECKPOINT_FORMAT) return `its format is not ${CHECKPOINT_FORMAT}`;
  if (!isHex(body.keyId, 16) || !isHex(body.sealHash, 64) || !isTime(body.sealedAt))
    return 'a key id, seal hash or time is not well formed';
  if (!isNat(body.seq, 1) || !isNat(body.treeSize, 1)) return 'seq or treeSize is not a count';
  return undefined;
}

export function lineShape(kind: string, o: Json): string | undefined {
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
      return hasExactly(o, [
        'attached',
        'content',
        'contentHash',
        'event',
        'kind',
        'language',
        'mediaType',
        'name',
        'type',
        'version',
      ]) &&
        ['canonical', 'redacted'].includes(o.attached as string) &&
        isB64(o.content) &&
        typeof o.contentHash === 'string' &&
        /^sha256:[0-9a-f]{64}$/.test(o.contentHash) &&
        isObject(o.event) &&
        hasExactly(o.event, ['stream', 'version']) &&
        isString(o.event.stream) &&
        isNat(o.event.version, 1) &&
        isString(o.language) &&
        isString(o.mediaType) &&
        isString(o.name) &&
        isString(o.type) &&
        DOCUMENT_TYPES.includes(o.type) &&
        orNull(o.version, (v): v is number => isNat(v, 1))
        ? undefined
        : 'a document line is {attached, content, contentHash, event, kind, language, mediaType, name, type, version}';
    default:
      return `unknown kind "${kind}"`;
  }
}

export function manifestShape(o: Json): string | undefined {
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
