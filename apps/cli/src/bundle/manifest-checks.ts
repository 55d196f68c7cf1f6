/** The manifest: what it declares is what the bundle holds; its digests; its signature (step 8). */
import type { KeyObject } from 'node:crypto';
import type { ParsedBundle } from './bundle-lines';
import type { StreamRanges } from './event-checks';
import { PARTS, type SealLine } from './line-shapes';
import { fail, type BundleReport } from './problems';
import { bodyDigest, byCodePoints, sha256 } from './primitives';
import { signatureValid } from './seal-checks';

/** Step 8. The manifest: what it declares is what the bundle holds; its digests; its signature. */
export function checkManifest(
  { manifest, manifestSignature, byPart }: ParsedBundle,
  seals: SealLine[],
  found: StreamRanges,
  trusted: Map<string, KeyObject>,
  report: BundleReport,
): void {
  const first = seals[0];
  const last = seals[seals.length - 1];
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
        document: d.name,
        message: `document ${d.name}: its bytes do not have the SHA-256 the manifest lists (it was altered)`,
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
