import { execFileSync, spawnSync } from 'node:child_process';
import { verify } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bodyDigest,
  ed25519KeyOfSpki,
  eventHashOf,
  jcs,
  keyIdOfSpki,
  parseKeptCheckpoint,
  verifyBundle,
  verifyInclusion,
} from '../../apps/cli/src/bundle/verify';
import { makeVectors } from './make-vectors';

const root = join(__dirname, '..', '..');
const VECTORS = join(root, 'docs', 'audit-bundle-vectors.json');
const SPEC = join(root, 'docs', 'audit-bundle.md');

interface Vectors {
  keys: Array<{ name: string; seed: string; raw: string; spki: string; keyId: string }>;
  eventHashes: Array<{ event: object; encoding: string; hash: string }>;
  merkle: Array<{
    leaves: string[];
    root: string;
    proofs: Array<{ leafIndex: number; path: string[] }>;
  }>;
  seals: Array<{ body: object; encoding: string; hash: string; signature: string; key: string }>;
  checkpoints: Array<{
    body: object;
    encoding: string;
    digest: string;
    signature: string;
    key: string;
  }>;
  bundles: Array<{
    name: string;
    bundle: string;
    trustedKeys?: string[];
    checkpoint?: unknown;
    expect: { ok: boolean; problem?: string };
  }>;
}

/** The generator's vectors, formatted as prettier formats the repository's JSON (its API loads
 * ES modules, which jest does not: its command line, then). */
const generated = () =>
  execFileSync(
    process.execPath,
    [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', VECTORS],
    { input: JSON.stringify(makeVectors()), encoding: 'utf8' },
  );
if (process.env.UPDATE_VECTORS === '1') writeFileSync(VECTORS, generated());
const vectors = JSON.parse(readFileSync(VECTORS, 'utf8')) as Vectors;
const hex = (h: string) => Buffer.from(h, 'hex');
const pem = (spki: string) => `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`;
const keyOf = (name: string) => {
  const k = vectors.keys.find((x) => x.name === name)!;
  return ed25519KeyOfSpki(Buffer.from(k.spki, 'base64'))!;
};

describe('the test vectors of docs/audit-bundle.md', () => {
  it('docs/audit-bundle-vectors.json is what the generator makes (UPDATE_VECTORS=1 rewrites it)', () => {
    expect(readFileSync(VECTORS, 'utf8')).toBe(generated());
  });

  it('keys: the key id is the first 16 hex digits of SHA-256 of the SPKI; the SPKI is a prefix and the raw key', () => {
    for (const k of vectors.keys) {
      const der = Buffer.from(k.spki, 'base64');
      expect(keyIdOfSpki(der)).toBe(k.keyId);
      expect(der.subarray(12).toString('hex')).toBe(k.raw);
      expect(ed25519KeyOfSpki(der)).toBeDefined();
    }
  });

  it('event hashes: SHA-256 of the RFC 8785 encoding of the event', () => {
    for (const v of vectors.eventHashes) {
      expect(jcs(v.event)).toBe(v.encoding);
      expect(eventHashOf(v.event)).toBe(v.hash);
    }
  });

  it('Merkle roots and inclusion proofs (RFC 9162)', () => {
    for (const t of vectors.merkle)
      for (const p of t.proofs)
        expect(
          verifyInclusion(
            hex(t.leaves[p.leafIndex]),
            p.leafIndex,
            t.leaves.length,
            p.path.map(hex),
            hex(t.root),
          ),
        ).toBe(true);
  });

  it('seals and checkpoints: the hash of the canonical body, signed with Ed25519', () => {
    for (const s of vectors.seals) {
      expect(jcs(s.body)).toBe(s.encoding);
      expect(bodyDigest(s.body).toString('hex')).toBe(s.hash);
      expect(verify(null, hex(s.hash), keyOf(s.key), Buffer.from(s.signature, 'base64'))).toBe(
        true,
      );
    }
    for (const c of vectors.checkpoints) {
      expect(jcs(c.body)).toBe(c.encoding);
      expect(bodyDigest(c.body).toString('hex')).toBe(c.digest);
      expect(verify(null, hex(c.digest), keyOf(c.key), Buffer.from(c.signature, 'base64'))).toBe(
        true,
      );
    }
  });

  for (const b of vectors.bundles)
    it(`bundle "${b.name}": ${b.expect.ok ? 'verifies' : b.expect.problem}`, () => {
      const report = verifyBundle(Buffer.from(b.bundle, 'utf8'), {
        ...(b.trustedKeys && { trustedKeys: b.trustedKeys.map(pem) }),
        ...(b.checkpoint !== undefined && {
          checkpoint: parseKeptCheckpoint(
            typeof b.checkpoint === 'string' ? b.checkpoint : JSON.stringify(b.checkpoint),
          ),
        }),
      });
      expect({ ok: report.ok, problem: report.problem?.kind }).toEqual({
        ok: b.expect.ok,
        problem: b.expect.problem,
      });
    });

  it('every vector shown in docs/audit-bundle.md is one of the file', () => {
    const spec = readFileSync(SPEC, 'utf8');
    const shown = [...spec.matchAll(/<!-- vector: ([\w.[\]]+) -->\s*```json\n([\s\S]*?)```/g)];
    expect(shown.length).toBeGreaterThanOrEqual(4);
    for (const [, path, block] of shown) {
      const value = path
        .split('.')
        .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], vectors);
      expect({ path, value: JSON.parse(block) as unknown }).toEqual({ path, value });
    }
  });

  const python = ['python3', 'python'].find(
    (p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0,
  );
  (python ? it : it.skip)(
    'an independent verifier in Python (test/audit/verify_bundle.py) agrees with every vector',
    () => {
      const script = join(__dirname, 'verify_bundle.py');
      expect(existsSync(script)).toBe(true);
      const out = execFileSync(python!, [script, 'vectors', VECTORS], { encoding: 'utf8' });
      const result = JSON.parse(out) as { checked: number; failures: string[] };
      expect(result.failures).toEqual([]);
      expect(result.checked).toBeGreaterThan(vectors.bundles.length + vectors.merkle.length);
    },
  );
});
