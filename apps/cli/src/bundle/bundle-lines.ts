/** Reading a bundle's bytes into its lines: UTF-8, LF-terminated, RFC 8785, the manifest, then the parts in order. */
import { fail, type BundleReport } from './problems';
import {
  isObject,
  lineShape,
  manifestShape,
  PART_OF_KIND,
  PARTS,
  type Json,
  type ManifestBody,
  type PartName,
} from './line-shapes';
import { BUNDLE_FORMAT, jcs } from './primitives';

/** One line of a bundle: its value, its 1-based number, its text. */
export interface BundleLine {
  value: Json;
  line: number;
  text: string;
}

export interface ParsedBundle {
  manifest: ManifestBody;
  manifestSignature: string | null;
  byPart: Record<PartName, BundleLine[]>;
}

/** Steps 1 and 2 of the spec: the file, then the manifest and the parts in their order. */
export function parseBundle(bytes: Buffer, report: BundleReport): ParsedBundle {
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
  const lines = raw.map((l, i): BundleLine => {
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

  const byPart: Record<PartName, BundleLine[]> = {
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
  return { manifest, manifestSignature, byPart };
}
