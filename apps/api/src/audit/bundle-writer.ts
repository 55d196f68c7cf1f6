import { createHash, type KeyObject } from 'node:crypto';
import {
  canonicalEventEncoding,
  type SealBody,
  type SealSigner,
  type StoredSeal,
  jcs,
  signBody,
  signCheckpoint,
  spkiOf,
} from '@ecvet/event-store';
import { auditPath, merkleLevels } from './merkle-path';

/** docs/audit-bundle.md: the file's format and version. */
export const BUNDLE_FORMAT = 'ecvet-audit-bundle/1';

/** The parts of a bundle, in the file's order after the manifest. */
export const PARTS = ['keys', 'checkpoint', 'seals', 'events', 'workflow', 'documents'] as const;
export type PartName = (typeof PARTS)[number];

/** An event as the store keeps it: data and metadata as their stored canonical text. */
export interface StoredEvent {
  stream: string;
  version: number;
  id: string;
  type: string;
  /** RFC 8785 text as stored (personal fields are their ciphertext envelopes). */
  dataJson: string;
  metadataJson: string;
  /** ISO 8601 with milliseconds, UTC. */
  recordedAt: string;
  prevHash: string;
  hash: string;
  /** Its place in the global log: `<tx id, 20 digits>-<position, 20 digits>`. */
  checkpoint: string;
}

export interface BundleStream {
  stream: string;
  /** Consecutive versions, every one sealed. */
  events: StoredEvent[];
  /** This stream's events in the range that no seal covers yet: not in the bundle. */
  unsealed: number;
}

export interface WorkflowPart {
  status: 'included' | 'absent' | 'not-applicable';
  workflowId: string | null;
  reason: string | null;
  runs: Array<{ workflowId: string; runId: string; history: unknown }>;
}

/** A rendered document (docs/audit-bundle.md, "document" lines). */
export interface DocumentPart {
  name: string;
  mediaType: string;
  content: Buffer;
  type: 'learning-agreement' | 'mou' | 'transcript' | 'certificate';
  /** The Learning Agreement's or the MoU's version; null for a transcript or certificate. */
  version: number | null;
  language: 'lv' | 'en';
  /** `sha256:<hex>`: the hash the document is verified by (printed on it, in its QR code). */
  contentHash: string;
  /** What the PDF has attached: the canonical JSON (hashing to contentHash) or a redacted one. */
  attached: 'canonical' | 'redacted';
  /** The event (in the bundle) the document was rendered from. */
  event: { stream: string; version: number };
}

export interface BundleInput {
  subject: { type: 'mobility' | 'partnership' | 'institution'; id: string };
  range: { from: string | null; to: string | null };
  streams: BundleStream[];
  /** A consecutive run of the seal chain: every seal covering an exported event, up to the latest. */
  seals: StoredSeal[];
  /** Every event hash of each seal that covers an exported event, in log order. */
  leaves: Map<number, Array<{ checkpoint: string; hash: Buffer }>>;
  /** The number of events sealed by seals 1..(the last seal): the checkpoint's tree size. */
  treeSize: number;
  /** The seal public keys the server knows. */
  publicKeys: KeyObject[];
  /** Signs the checkpoint and the manifest; without it both go unsigned (and no checkpoint line). */
  signer?: SealSigner;
  workflow: WorkflowPart;
  documents: DocumentPart[];
}

/** Strings by Unicode code points (UTF-8 byte order), the bundle's one string order. */
export const byCodePoints = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * The bundle: one deterministic UTF-8 file of RFC 8785 JSON lines (docs/audit-bundle.md). The
 * same input gives the same bytes: fixed order everywhere, no clock, and Ed25519 signatures are
 * deterministic.
 */
export function writeBundle(input: BundleInput): Buffer {
  const parts: Record<PartName, string[]> = {
    keys: [],
    checkpoint: [],
    seals: [],
    events: [],
    workflow: [],
    documents: [],
  };

  const keys = input.publicKeys
    .map((k) => {
      const spki = spkiOf(k);
      return { keyId: sha256(Buffer.from(spki, 'base64')).slice(0, 16), spki };
    })
    .sort((a, b) => byCodePoints(a.keyId, b.keyId))
    .filter((k, i, all) => i === 0 || all[i - 1].keyId !== k.keyId);
  for (const k of keys) parts.keys.push(jcs({ kind: 'key', ...k }));

  const seals = [...input.seals].sort((a, b) => a.seq - b.seq);
  const last = seals[seals.length - 1];
  if (last && input.signer) {
    const checkpoint = signCheckpoint(last, input.treeSize, input.signer);
    parts.checkpoint.push(jcs({ kind: 'checkpoint', ...checkpoint }));
  }
  for (const s of seals) {
    const { sealHash, signature, ...rest } = s;
    const body: SealBody = {
      seq: rest.seq,
      fromCheckpoint: rest.fromCheckpoint,
      toCheckpoint: rest.toCheckpoint,
      eventCount: rest.eventCount,
      merkleRoot: rest.merkleRoot,
      prevSealHash: rest.prevSealHash,
      sealedAt: rest.sealedAt,
      keyId: rest.keyId,
    };
    parts.seals.push(jcs({ body, hash: sealHash, kind: 'seal', signature }));
  }

  const trees = new Map<number, { levels: Buffer[][]; index: Map<string, number> }>();
  const treeOf = (seq: number) => {
    let tree = trees.get(seq);
    if (!tree) {
      const leaves = input.leaves.get(seq);
      if (!leaves) throw new Error(`no leaves for seal ${seq}`);
      tree = {
        levels: merkleLevels(leaves.map((l) => l.hash)),
        index: new Map(leaves.map((l, i) => [l.checkpoint, i])),
      };
      trees.set(seq, tree);
    }
    return { ...tree, size: input.leaves.get(seq)!.length };
  };
  const sealOf = (checkpoint: string): StoredSeal => {
    let lo = 0;
    let hi = seals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seals[mid].toCheckpoint >= checkpoint) hi = mid;
      else lo = mid + 1;
    }
    const seal = seals[lo];
    if (!seal || checkpoint > seal.toCheckpoint || checkpoint <= seal.fromCheckpoint)
      throw new Error(`no seal of the bundle covers ${checkpoint}`);
    return seal;
  };

  const streams = [...input.streams].sort((a, b) => byCodePoints(a.stream, b.stream));
  for (const s of streams) {
    for (const e of s.events) {
      const seal = sealOf(e.checkpoint);
      const tree = treeOf(seal.seq);
      const leafIndex = tree.index.get(e.checkpoint);
      if (leafIndex === undefined) throw new Error(`${e.stream}@${e.version} is not in its seal`);
      const proof = {
        leafIndex,
        path: auditPath(tree.levels, leafIndex).map((h) => h.toString('hex')),
        seal: seal.seq,
        treeSize: tree.size,
      };
      // Keys in RFC 8785 order; the event is the canonical encoding its hash is over (ADR 4),
      // assembled from the stored text byte for byte.
      parts.events.push(
        `{"checkpoint":${JSON.stringify(e.checkpoint)},"event":${canonicalEventEncoding(e)},` +
          `"hash":${JSON.stringify(e.hash)},"kind":"event","proof":${jcs(proof)}}`,
      );
    }
  }

  const runs = [...input.workflow.runs].sort(
    (a, b) => byCodePoints(a.workflowId, b.workflowId) || byCodePoints(a.runId, b.runId),
  );
  for (const r of runs)
    parts.workflow.push(
      jcs({ history: r.history, kind: 'workflow', runId: r.runId, workflowId: r.workflowId }),
    );

  const documents = [...input.documents].sort((a, b) => byCodePoints(a.name, b.name));
  for (const d of documents)
    parts.documents.push(
      jcs({
        attached: d.attached,
        content: d.content.toString('base64'),
        contentHash: d.contentHash,
        event: d.event,
        kind: 'document',
        language: d.language,
        mediaType: d.mediaType,
        name: d.name,
        type: d.type,
        version: d.version,
      }),
    );

  const body = {
    documents: documents.map((d) => ({
      mediaType: d.mediaType,
      name: d.name,
      sha256: sha256(d.content),
    })),
    format: BUNDLE_FORMAT,
    keyId: input.signer?.keyId ?? null,
    parts: Object.fromEntries(
      PARTS.map((p) => [
        p,
        { lines: parts[p].length, sha256: sha256(parts[p].map((l) => `${l}\n`).join('')) },
      ]),
    ),
    range: input.range,
    seals: { fromSeq: seals[0]?.seq ?? null, toSeq: last?.seq ?? null },
    streams: streams.map((s) => ({
      fromVersion: s.events[0]?.version ?? null,
      stream: s.stream,
      toVersion: s.events[s.events.length - 1]?.version ?? null,
      unsealed: s.unsealed,
    })),
    subject: input.subject,
    workflow: {
      reason: input.workflow.reason,
      status: input.workflow.status,
      workflowId: input.workflow.workflowId,
    },
  };
  const manifest = jcs({
    body,
    kind: 'manifest',
    signature: input.signer ? signBody(body, input.signer) : null,
  });
  const lines = [manifest, ...PARTS.flatMap((p) => parts[p])];
  return Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
}
