/** Events: order, hashes, each stream's chain and each inclusion proof (docs/audit-bundle.md, step 7). */
import type { BundleLine } from './bundle-lines';
import { verifyInclusion } from './inclusion-proofs';
import type { EventLine, SealLine } from './line-shapes';
import { fail, type BundleReport } from './problems';
import { byCodePoints, eventHashOf, GENESIS } from './primitives';

/** The version range of each stream the bundle holds events of. */
export type StreamRanges = Map<string, { from: number; to: number }>;

/** Step 7. Events: in order; each hash, each stream's chain, each inclusion proof. */
export function checkEvents(
  lines: BundleLine[],
  seals: SealLine[],
  report: BundleReport,
): StreamRanges {
  const events: EventLine[] = lines.map((l) => ({
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
  return found;
}
