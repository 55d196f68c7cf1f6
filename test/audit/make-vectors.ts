import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import {
  canonicalEventEncoding,
  canonicalJson,
  encodePgCheckpoint,
  eventHash,
  GENESIS_HASH,
  keyIdOf,
  merkleRoot,
  sealHash,
  signSeal,
  type JsonObject,
  type SealBody,
  type SealSigner,
  type StoredSeal,
} from '@ecvet/event-store';
import {
  writeBundle,
  type BundleInput,
  type StoredEvent,
} from '../../apps/api/src/audit/bundle-writer';
import { jcs, signCheckpoint, spkiOf } from '../../libs/event-store/src/integrity/checkpoint';
import { auditPath, merkleLevels, rootOf } from '../../apps/api/src/audit/merkle-path';
import { documentCases } from './document-vectors';

/**
 * docs/audit-bundle-vectors.json: the test vectors of the audit bundle spec, made from fixed keys
 * and a small synthetic log, so the file is the same on every run (vectors.spec.ts compares it;
 * `UPDATE_VECTORS=1` rewrites it). Both verifiers — ours and the independent Python one — check
 * every entry.
 */

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest();

/** A test key from a 32-byte seed (RFC 8032): PKCS#8 DER is a fixed prefix and the seed. */
function testKey(name: string): SealSigner & { seed: string } {
  const seed = sha256(`ecvet audit bundle test key ${name}`);
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKey, seed: seed.toString('hex') };
}

const rawOf = (k: KeyObject) => k.export({ type: 'spki', format: 'der' }).subarray(12);

type LogEvent = StoredEvent;

/** A log of events in global order, sealed `perSeal` at a time by `signer`. */
function makeLog(
  plan: Array<{ stream: string; type: string; data: JsonObject; at: string }>,
  signer: SealSigner,
  perSeal: number[],
): { events: LogEvent[]; seals: StoredSeal[] } {
  const heads = new Map<string, { version: number; hash: string }>();
  const events = plan.map((p, i): LogEvent => {
    const head = heads.get(p.stream);
    const fields = {
      stream: p.stream,
      version: (head?.version ?? 0) + 1,
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      type: p.type,
      dataJson: canonicalJson(p.data),
      metadataJson: canonicalJson({
        actor: { id: 'account:acc-ilze', role: 'coordinator' },
        correlationId: `c-${i + 1}`,
      }),
      recordedAt: p.at,
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const hash = eventHash(fields);
    heads.set(p.stream, { version: fields.version, hash });
    return {
      ...fields,
      hash,
      checkpoint: encodePgCheckpoint({ txId: 9990n + BigInt(i), position: BigInt(i + 1) }),
    };
  });
  const seals: StoredSeal[] = [];
  let start = 0;
  for (const [i, count] of perSeal.entries()) {
    const covered = events.slice(start, start + count);
    const previous = seals[seals.length - 1];
    const body: SealBody = {
      seq: i + 1,
      fromCheckpoint: previous?.toCheckpoint ?? '',
      toCheckpoint: covered[covered.length - 1].checkpoint,
      eventCount: covered.length,
      merkleRoot: merkleRoot(covered.map((e) => Buffer.from(e.hash, 'hex'))).toString('hex'),
      prevSealHash: previous?.sealHash ?? GENESIS_HASH,
      sealedAt: new Date(Date.parse('2027-04-01T00:00:00.000Z') + i * 60_000).toISOString(),
      keyId: signer.keyId,
    };
    const hash = sealHash(body);
    seals.push({
      ...body,
      sealHash: hash.toString('hex'),
      signature: signSeal(hash, signer).toString('base64'),
    });
    start += count;
  }
  return { events, seals };
}

/** The bundle of the streams chosen, from a sealed log (as the API assembles it). */
function bundleOf(
  log: { events: LogEvent[]; seals: StoredSeal[] },
  choose: { streams: string[]; from?: string; to?: string; sinceSeq?: number },
  subject: BundleInput['subject'],
  signer: SealSigner,
  extra: Partial<BundleInput> = {},
): string {
  const last = log.seals[log.seals.length - 1];
  const streams = choose.streams.map((stream) => {
    const all = log.events.filter((e) => e.stream === stream);
    const inRange = all.filter(
      (e) =>
        (!choose.from || e.recordedAt >= choose.from) && (!choose.to || e.recordedAt < choose.to),
    );
    const run = inRange.length
      ? all.filter((e) => e.version >= inRange[0].version && e.version <= inRange.at(-1)!.version)
      : [];
    const sealed = run.filter((e) => e.checkpoint <= last.toCheckpoint);
    return { stream, events: sealed, unsealed: run.length - sealed.length };
  });
  const exported = streams.flatMap((s) => s.events);
  const covering = new Set(
    exported.map((e) => log.seals.find((s) => s.toCheckpoint >= e.checkpoint)!.seq),
  );
  const fromSeq = Math.min(...covering, choose.sinceSeq ?? Infinity);
  const leaves = new Map(
    [...covering].map((seq) => {
      const seal = log.seals[seq - 1];
      return [
        seq,
        log.events
          .filter((e) => e.checkpoint > seal.fromCheckpoint && e.checkpoint <= seal.toCheckpoint)
          .map((e) => ({ checkpoint: e.checkpoint, hash: Buffer.from(e.hash, 'hex') })),
      ];
    }),
  );
  return writeBundle({
    subject,
    range: { from: choose.from ?? null, to: choose.to ?? null },
    streams,
    seals: log.seals.filter((s) => s.seq >= fromSeq),
    leaves,
    treeSize: log.seals.reduce((n, s) => n + s.eventCount, 0),
    publicKeys: [signer.publicKey],
    signer,
    workflow: {
      status: 'absent',
      workflowId: `${subject.type}-${subject.id}`,
      reason: 'Temporal was not reachable',
      runs: [],
    },
    documents: [],
    ...extra,
  }).toString('utf8');
}

type Lines = string[];
const linesOf = (bundle: string): Lines => bundle.slice(0, -1).split('\n');
const textOf = (lines: Lines) => lines.map((l) => `${l}\n`).join('');
const find = (lines: Lines, test: (v: Record<string, unknown>) => boolean): number =>
  lines.findIndex((l) => test(JSON.parse(l) as Record<string, unknown>));
/** Replaces the first occurrence of `from` in a line, which must be there. */
function edit(lines: Lines, index: number, from: string, to: string): Lines {
  if (index < 0 || !lines[index].includes(from)) throw new Error(`cannot edit ${from}`);
  const out = [...lines];
  out[index] = out[index].replace(from, to);
  return out;
}
/** A different hex digit (or base64 letter) at the same place: the smallest change of a byte. */
const flip = (c: string) =>
  c === '0' ? '1' : c === 'A' ? 'B' : c === 'a' ? 'b' : c === '1' ? '2' : '0';

export function makeVectors(): object {
  const A = testKey('A');
  const B = testKey('B');
  const M1 = 'Mobility-m1';
  const M2 = 'Mobility-m2';
  const I = 'Institution-rtrit';
  const plan: Array<{ stream: string; type: string; data: JsonObject; at: string }> = [
    {
      stream: I,
      type: 'InstitutionRegistered',
      data: { legalName: 'Rīgas Tehnikums "RTRIT"', country: 'LV' },
      at: '2027-01-04T08:00:00.000Z',
    },
    {
      stream: M1,
      type: 'MobilityPlanned',
      data: {
        learner: {
          name: { $enc: 'v1', iv: 'q83vEjRWeJA=', ct: 'c2VjcmV0', subject: 'lrn-annija' },
        },
        sendingInstitutionId: 'rtrit',
        hostInstitutionId: 'cocina',
        plannedPeriod: { start: '2027-03-01', end: '2027-03-28' },
      },
      at: '2027-01-05T09:00:00.000Z',
    },
    {
      stream: M2,
      type: 'MobilityPlanned',
      data: {
        sendingInstitutionId: 'other',
        hostInstitutionId: 'cocina',
        note: 'tab\there, newline\nthere, quote " backslash \\ control \u0001 and \u2028 😀 </script>',
      },
      at: '2027-01-05T09:30:00.000Z',
    },
    {
      stream: M1,
      type: 'LearningAgreementDrafted',
      data: { version: 1, contentHash: `sha256:${'ab'.repeat(32)}` },
      at: '2027-01-06T10:00:00.000Z',
    },
    {
      stream: M1,
      type: 'AgreementSigned',
      data: { role: 'sending-school', signer: { name: 'Ilze Ozola' } },
      at: '2027-01-07T11:00:00.000Z',
    },
    {
      stream: M2,
      type: 'LearningAgreementDrafted',
      data: { version: 1, weights: [0.5, 1e21, 1e-7, -0, 123456789012, 2.5] },
      at: '2027-01-08T12:00:00.000Z',
    },
    {
      stream: M1,
      type: 'MobilityStarted',
      data: { startedOn: '2027-03-01' },
      at: '2027-03-01T08:00:00.000Z',
    },
    {
      stream: M2,
      type: 'AgreementSigned',
      data: { role: 'host', ключ: 'значение', é: 1, z: 2 },
      at: '2027-03-02T08:00:00.000Z',
    },
    {
      stream: M1,
      type: 'UnitRecognised',
      data: { unitId: 'vegan', ecvetPoints: 4 },
      at: '2027-04-10T09:00:00.000Z',
    },
    {
      stream: M2,
      type: 'MobilityStarted',
      data: { startedOn: '2027-03-05' },
      at: '2027-04-11T09:00:00.000Z',
    },
  ];
  const log = makeLog(plan, A, [3, 3, 3, 1]);
  const subject = { type: 'mobility' as const, id: 'm1' };
  const valid = bundleOf(log, { streams: [M1] }, subject, A);
  const lines = linesOf(valid);
  const ev = (stream: string, version: number) =>
    find(
      lines,
      (v) =>
        v.kind === 'event' &&
        (v.event as { stream: string; version: number }).stream === stream &&
        (v.event as { version: number }).version === version,
    );
  const sealLine = (seq: number) =>
    find(lines, (v) => v.kind === 'seal' && (v.body as { seq: number }).seq === seq);
  const keyLine = find(lines, (v) => v.kind === 'key');
  const manifest = JSON.parse(lines[0]) as { body: { parts: Record<string, { sha256: string }> } };
  const sealObject = (seq: number) =>
    JSON.parse(lines[sealLine(seq)]) as {
      body: { merkleRoot: string };
      hash: string;
      signature: string;
    };
  const eventObject = (i: number) =>
    JSON.parse(lines[i]) as { proof: { path: string[] }; event: { prevHash: string } };

  // A log rewritten and sealed again with key B: the same events, one altered, all hashes redone.
  const rewritten = makeLog(
    plan.map((p, i) =>
      i === 4 ? { ...p, data: { role: 'sending-school', signer: { name: 'Someone Else' } } } : p,
    ),
    B,
    [3, 3, 3, 1],
  );
  const rewrittenBundle = bundleOf(rewritten, { streams: [M1] }, subject, B);
  // Only the last seal's events: the chain starts at seal 3, and a checkpoint of seal 2 precedes it.
  const late = bundleOf(log, { streams: [M1], from: '2027-03-01T00:00:00.000Z' }, subject, A);
  const partnershipBundle = bundleOf(
    log,
    { streams: ['Partnership-p1', M1, M2] },
    { type: 'partnership', id: 'p1' },
    A,
    {
      workflow: {
        status: 'included',
        workflowId: 'partnership-p1',
        reason: null,
        runs: [
          {
            workflowId: 'partnership-p1',
            runId: 'run-1',
            history: {
              events: [{ eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' }],
            },
          },
        ],
      },
    },
  );

  const checkpoint4 = signCheckpoint(log.seals[3], 10, A);
  const checkpoint2 = signCheckpoint(log.seals[1], 6, A);
  const m1v2 = ev(M1, 2);
  const m1v3 = ev(M1, 3);
  const chainBroken = (() => {
    // v3 chained to the wrong previous hash, its own hash recomputed: the hash holds, the chain not.
    const e = JSON.parse(lines[m1v3]) as {
      event: Record<string, unknown> & { prevHash: string };
      hash: string;
    };
    const event = { ...e.event, prevHash: 'ff'.repeat(32) };
    const hash = sha256(jcs(event)).toString('hex');
    const out = [...lines];
    out[m1v3] = jcs({ ...JSON.parse(lines[m1v3]), event, hash });
    return out;
  })();

  const cases: Array<{
    name: string;
    description: string;
    bundle: string;
    trustedKeys?: string[];
    checkpoint?: unknown;
    expect: { ok: true } | { ok: false; problem: string };
  }> = [
    {
      name: 'valid',
      description:
        "a mobility's bundle: 5 events in 3 seals, the chain up to seal 4, the bundle's own key",
      bundle: valid,
      expect: { ok: true },
    },
    {
      name: 'valid-with-trusted-key',
      description: 'the same, with key A given as the trusted key',
      bundle: valid,
      trustedKeys: [spkiOf(A.publicKey)],
      expect: { ok: true },
    },
    {
      name: 'valid-checkpoint-on-chain',
      description: 'a kept seal hash (seal 2) that is on the chain',
      bundle: valid,
      checkpoint: log.seals[1].sealHash,
      expect: { ok: true },
    },
    {
      name: 'valid-checkpoint-file',
      description: 'a kept signed checkpoint of seal 4 (tree size 10)',
      bundle: valid,
      checkpoint: checkpoint4,
      expect: { ok: true },
    },
    {
      name: 'valid-checkpoint-extends',
      description:
        'a bundle whose chain starts at seal 3, and a kept checkpoint of seal 2: the chain extends from it',
      bundle: late,
      checkpoint: checkpoint2,
      expect: { ok: true },
    },
    {
      name: 'valid-partnership-with-workflow',
      description: 'three streams (one without sealed events) and a workflow history',
      bundle: partnershipBundle,
      expect: { ok: true },
    },
    {
      name: 'event-altered',
      description: "a letter of an event's data changed",
      bundle: textOf(edit(lines, ev(M1, 3), 'Ilze Ozola', 'Ilze Ozolb')),
      expect: { ok: false, problem: 'event-hash-mismatch' },
    },
    {
      name: 'chain-broken',
      description: "an event's prevHash changed and its hash recomputed",
      bundle: textOf(chainBroken),
      expect: { ok: false, problem: 'chain-broken' },
    },
    {
      name: 'seal-altered',
      description: "a hex digit of seal 2's Merkle root changed",
      bundle: textOf(
        edit(
          lines,
          sealLine(2),
          sealObject(2).body.merkleRoot,
          flip(sealObject(2).body.merkleRoot[0]) + sealObject(2).body.merkleRoot.slice(1),
        ),
      ),
      expect: { ok: false, problem: 'seal-hash-mismatch' },
    },
    {
      name: 'seal-signature-altered',
      description: "a character of seal 1's signature changed",
      bundle: textOf(
        edit(
          lines,
          sealLine(1),
          sealObject(1).signature,
          flip(sealObject(1).signature[0]) + sealObject(1).signature.slice(1),
        ),
      ),
      expect: { ok: false, problem: 'seal-signature-invalid' },
    },
    {
      name: 'seal-removed',
      description: 'seal 3 left out: seal 4 no longer follows',
      bundle: textOf(lines.filter((_, i) => i !== sealLine(3))),
      expect: { ok: false, problem: 'seal-chain-broken' },
    },
    {
      name: 'proof-altered',
      description: 'a hex digit of an audit path changed',
      bundle: textOf(
        edit(
          lines,
          m1v2,
          eventObject(m1v2).proof.path[0],
          flip(eventObject(m1v2).proof.path[0][0]) + eventObject(m1v2).proof.path[0].slice(1),
        ),
      ),
      expect: { ok: false, problem: 'proof-invalid' },
    },
    {
      name: 'key-altered',
      description: 'a character in the middle of the bundled key changed',
      bundle: textOf(
        (() => {
          const k = (JSON.parse(lines[keyLine]) as { spki: string }).spki;
          const at = 30;
          return edit(lines, keyLine, k, k.slice(0, at) + flip(k[at]) + k.slice(at + 1));
        })(),
      ),
      expect: { ok: false, problem: 'key-invalid' },
    },
    {
      name: 'manifest-digest-altered',
      description: "a hex digit of the manifest's digest of the events part changed",
      bundle: textOf(
        edit(
          lines,
          0,
          manifest.body.parts.events.sha256,
          flip(manifest.body.parts.events.sha256[0]) + manifest.body.parts.events.sha256.slice(1),
        ),
      ),
      expect: { ok: false, problem: 'manifest-digest-mismatch' },
    },
    {
      name: 'manifest-altered',
      description: "the manifest's workflow reason changed: only its signature notices",
      bundle: textOf(edit(lines, 0, 'Temporal was not reachable', 'Temporal was not reachablE')),
      expect: { ok: false, problem: 'manifest-signature-invalid' },
    },
    {
      name: 'event-dropped',
      description: 'the second of four events left out',
      bundle: textOf(lines.filter((_, i) => i !== m1v2)),
      expect: { ok: false, problem: 'missing-events' },
    },
    {
      name: 'last-event-dropped',
      description: 'the last event left out: the manifest declares it',
      bundle: textOf(lines.filter((_, i) => i !== ev(M1, 4))),
      expect: { ok: false, problem: 'missing-events' },
    },
    {
      name: 'events-reordered',
      description: 'two events swapped',
      bundle: textOf(
        lines.map((l, i) => (i === m1v2 ? lines[m1v3] : i === m1v3 ? lines[m1v2] : l)),
      ),
      expect: { ok: false, problem: 'events-out-of-order' },
    },
    {
      name: 'untrusted-key',
      description: 'key B given as the trusted key: the seals are signed with A',
      bundle: valid,
      trustedKeys: [spkiOf(B.publicKey)],
      expect: { ok: false, problem: 'seal-key-untrusted' },
    },
    {
      name: 'rewritten-and-resealed',
      description:
        'the log rewritten and sealed again with key B (which the bundle carries), checked against a seal hash kept before',
      bundle: rewrittenBundle,
      checkpoint: log.seals[1].sealHash,
      expect: { ok: false, problem: 'checkpoint-not-on-chain' },
    },
    {
      name: 'rewritten-without-checkpoint',
      description:
        'the same rewritten bundle verifies on its own keys alone: why checkpoints are kept',
      bundle: rewrittenBundle,
      expect: { ok: true },
    },
    {
      name: 'not-canonical',
      description: 'a space added to a line',
      bundle: textOf(edit(lines, m1v2, '"kind":"event"', '"kind": "event"')),
      expect: { ok: false, problem: 'bundle-malformed' },
    },
    {
      name: 'unsupported-format',
      description: 'a format this verifier does not read',
      bundle: textOf(edit(lines, 0, 'ecvet-audit-bundle/1', 'ecvet-audit-bundle/2')),
      expect: { ok: false, problem: 'unsupported-format' },
    },
    ...documentCases({ makeLog, bundleOf, linesOf, textOf, edit, flip }, A),
  ];

  // The primitives.
  const eventVectors = [1, 2, 5, 7].map((i) => {
    const e = log.events[i];
    const encoding = canonicalEventEncoding(e);
    return { event: JSON.parse(encoding) as unknown, encoding, hash: e.hash };
  });
  const leaf = (i: number) => sha256(`leaf ${i}`);
  const merkle = [1, 2, 3, 4, 5, 7, 8, 13].map((n) => {
    const leaves = Array.from({ length: n }, (_, i) => leaf(i));
    const levels = merkleLevels(leaves);
    return {
      leaves: leaves.map((l) => l.toString('hex')),
      root: rootOf(levels).toString('hex'),
      proofs: leaves.map((_, i) => ({
        leafIndex: i,
        path: auditPath(levels, i).map((h) => h.toString('hex')),
      })),
    };
  });
  const sealVectors = log.seals.slice(0, 2).map((s) => {
    const { sealHash: hash, signature, ...body } = s;
    return { body, encoding: jcs(body), hash, signature };
  });
  const checkpointVector = {
    ...checkpoint4,
    encoding: jcs(checkpoint4.body),
    digest: sha256(jcs(checkpoint4.body)).toString('hex'),
  };
  return {
    description:
      'Test vectors of docs/audit-bundle.md (format ecvet-audit-bundle/1). Keys are test keys made from the seeds below; never trust them. Every bundle is the exact text of a file (UTF-8).',
    keys: [A, B].map((k, i) => ({
      name: i === 0 ? 'A' : 'B',
      seed: k.seed,
      raw: rawOf(k.publicKey).toString('hex'),
      spki: spkiOf(k.publicKey),
      keyId: k.keyId,
    })),
    eventHashes: eventVectors,
    merkle,
    seals: sealVectors.map((s) => ({ ...s, key: 'A' })),
    checkpoints: [{ ...checkpointVector, key: 'A' }],
    bundles: cases,
  };
}
