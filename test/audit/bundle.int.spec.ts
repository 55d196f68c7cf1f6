import { spawnSync } from 'node:child_process';
import { verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { InstitutionService, MobilityService } from '@ecvet/application';
import {
  eventHash,
  exportSealSigner,
  generateSealSigner,
  PostgresSealer,
  type SealSigner,
} from '@ecvet/event-store';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bodyDigest, ed25519KeyOfSpki } from '../../apps/cli/src/bundle/verify';
import { startTestApi, type TestAccount, type TestApi } from '../support/api-app';
import { cli, listen, verifyBundle, type Run } from '../support/audit-cli';
import { annijasWorld, HOST, OTHER, SCHOOL, systemContext } from '../support/world';
import { readPdf } from '../documents/pdf-reader';

/**
 * The audit bundle end to end (docs/audit-bundle.md): a mobility's bundle exported through the
 * real API and the command line's entry point (child processes), verified offline by ours and by
 * the independent Python verifier; one byte changed in each part, events dropped and reordered,
 * another key, a rewritten and re-sealed log caught by a kept checkpoint; the same bytes twice;
 * and who may export (the policy, docs/access.md). The worker's sealer does not run here: the
 * test seals the log with the store's sealer, with the key the API signs checkpoints with.
 */
let api: TestApi;
let url: string;
let pool: Pool;
let dir: string;
const keyA: SealSigner = generateSealSigner();
const keyB: SealSigner = generateSealSigner();
const pemA = exportSealSigner(keyA);
const pemB = exportSealSigner(keyB);
const python = ['python3', 'python'].find(
  (p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0,
);

const AUDITOR: TestAccount = { role: 'auditor', auditScope: 'all', email: 'auditor@test.example' };
const OPERATOR: TestAccount = { role: 'operator', email: 'operator@test.example' };

async function world(): Promise<void> {
  await annijasWorld(api);
  await api.app
    .get(MobilityService)
    .amendAgreement(
      'm1',
      { changes: { lifeSkills: ['foreign-languages'] }, reason: 'a cultural module' },
      systemContext(),
    );
}

async function exportBundle(
  out: string,
  args: string[] = ['--mobility', 'm1'],
  account: TestAccount = AUDITOR,
  apiUrl = url,
): Promise<Run> {
  return cli(['export', ...args, '--out', out, '--api', apiUrl, '--json'], {
    ECVET_TOKEN: await api.tokenOf(account),
  });
}

/** The independent Python verifier's verdict (undefined without python3). */
function pythonVerdict(
  file: string,
  ...options: string[]
): { ok: boolean; kind?: string } | undefined {
  if (!python) return undefined;
  const r = spawnSync(python, [join(__dirname, 'verify_bundle.py'), 'bundle', file, ...options], {
    encoding: 'utf8',
  });
  const report = JSON.parse(r.stdout) as { ok: boolean; problem: { kind: string } | null };
  expect(r.status).toBe(report.ok ? 0 : 1);
  return { ok: report.ok, ...(report.problem && { kind: report.problem.kind }) };
}

const lines = (file: string) => readFileSync(file, 'utf8').slice(0, -1).split('\n');
const save = (name: string, content: string[] | string) => {
  const file = join(dir, name);
  writeFileSync(file, Array.isArray(content) ? content.map((l) => `${l}\n`).join('') : content);
  return file;
};
const flipHex = (c: string) => (c === '0' ? '1' : '0');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecvet-bundle-'));
  save('a.pem', pemA.publicKeyPem);
  save('b.pem', pemB.publicKeyPem);
  api = await startTestApi('audit_bundle', { SEAL_SIGNING_KEY: pemA.privateKeyPem });
  url = await listen(api.app);
  pool = new Pool({ connectionString: api.db.url });
  pool.on('error', () => undefined);
  await world();
  await api.tokenOf(AUDITOR);
  // Small seals: the mobility's events are spread over several, among other objects' events.
  expect((await new PostgresSealer(pool, keyA, 5).sealPending()).length).toBeGreaterThan(2);
  await api.readModelsCaughtUp();
});
afterAll(async () => {
  await pool?.end();
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the audit bundle, exported through the API and the command line', () => {
  let bundle: string;

  it("exports a mobility's bundle that verifies offline: events as stored, proofs, seals, key", async () => {
    bundle = join(dir, 'm1.jsonl');
    const exported = await exportBundle(bundle);
    expect(exported).toMatchObject({ code: 0 });
    const summary = JSON.parse(exported.stdout) as { events: number; workflow: string };
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ecvet_events WHERE stream_id = 'Mobility-m1'`,
    );
    expect(summary.events).toBe(rows[0].n);
    // Temporal does not run here: its absence is recorded, the export does not fail.
    expect(summary.workflow).toBe('absent (Temporal was not reachable)');

    const all = lines(bundle).map((l) => JSON.parse(l) as Record<string, unknown>);
    const events = all.filter((l) => l.kind === 'event') as Array<{
      event: { stream: string };
      proof: { treeSize: number; path: string[] };
    }>;
    // Only the mobility's events; its seals cover others', which only their hashes stand for.
    expect(new Set(events.map((e) => e.event.stream))).toEqual(new Set(['Mobility-m1']));
    expect(events.some((e) => e.proof.treeSize > 1 && e.proof.path.length > 0)).toBe(true);
    const text = readFileSync(bundle, 'utf8');
    expect(text).not.toContain('Institution other');
    // Personal fields are their ciphertext envelopes, as the hashes are over the stored bytes.
    expect(text).not.toContain('Annija');
    expect(text).not.toContain('annija@example.lv');

    const verified = await verifyBundle(bundle);
    expect(verified).toMatchObject({ code: 0, report: { ok: true, keys: 'bundled' } });
    expect(verified.report.events).toBe(rows[0].n);
    const human = await cli(['verify-bundle', bundle]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/verifies: mobility m1/);
    expect(await verifyBundle(bundle, '--key', join(dir, 'a.pem'))).toMatchObject({
      code: 0,
      report: { ok: true, keys: 'given' },
    });
    expect(pythonVerdict(bundle, '--key', join(dir, 'a.pem'))).toEqual(
      python ? { ok: true } : undefined,
    );
  });

  it("carries the PDFs of the mobility's Learning Agreement versions, in Latvian and English", async () => {
    const all = lines(bundle).map((l) => JSON.parse(l) as Record<string, unknown>);
    const manifest = all[0] as { body: { documents: Array<{ name: string; sha256: string }> } };
    expect(manifest.body.documents.map((d) => d.name)).toEqual([
      'learning-agreement-m1-v1-en.pdf',
      'learning-agreement-m1-v1-lv.pdf',
      'learning-agreement-m1-v2-en.pdf',
      'learning-agreement-m1-v2-lv.pdf',
    ]);
    const documents = all.filter((l) => l.kind === 'document') as Array<{
      content: string;
      contentHash: string;
      attached: string;
      event: { stream: string; version: number };
      version: number;
    }>;
    const events = all.filter((l) => l.kind === 'event') as Array<{
      event: { stream: string; version: number; type: string; data: { contentHash?: string } };
    }>;
    for (const d of documents) {
      const source = events.find((e) => e.event.version === d.event.version)!.event;
      expect(source).toMatchObject({
        stream: 'Mobility-m1',
        type: 'LearningAgreementVersionDrafted',
        data: { version: d.version, contentHash: d.contentHash },
      });
      // The auditor does not read the learner's contacts: the redacted JSON is attached.
      expect(d.attached).toBe('redacted');
      const read = await readPdf(Buffer.from(d.content, 'base64'));
      expect(read.text.replace(/\s+/g, '')).toContain(d.contentHash);
    }
    const { report } = await verifyBundle(bundle);
    expect(report).toMatchObject({ ok: true, documents: 4 });

    // The operator reads everything: the canonical JSON is attached, and it hashes to the hash.
    const operators = join(dir, 'm1-operator.jsonl');
    expect(
      (await exportBundle(operators, ['--mobility', 'm1', '--lang', 'en'], OPERATOR)).code,
    ).toBe(0);
    const full = lines(operators)
      .map((l) => JSON.parse(l) as { kind: string; attached?: string; language?: string })
      .filter((l) => l.kind === 'document');
    expect(full.map((d) => [d.attached, d.language])).toEqual([
      ['canonical', 'en'],
      ['canonical', 'en'],
    ]);
    expect((await verifyBundle(operators)).report).toMatchObject({ ok: true, documents: 2 });
    if (python) expect(pythonVerdict(operators)).toEqual({ ok: true });
  });

  it('the same input gives the same bytes', async () => {
    const again = join(dir, 'm1-again.jsonl');
    expect((await exportBundle(again)).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(bundle))).toBe(true);
  });

  it('one byte changed in each part names that part, with exit code 1', async () => {
    const original = lines(bundle);
    const index = (test: (v: Record<string, unknown>) => boolean) =>
      original.findIndex((l) => test(JSON.parse(l) as Record<string, unknown>));
    const change = (i: number, from: string, to: string) => {
      expect(original[i]).toContain(from);
      return original.map((l, j) => (j === i ? l.replace(from, to) : l));
    };
    const eventLine = index((v) => v.kind === 'event');
    const provenLine = index(
      (v) => v.kind === 'event' && (v.proof as { path: string[] }).path.length > 0,
    );
    const path0 = (JSON.parse(original[provenLine]) as { proof: { path: string[] } }).proof.path[0];
    const sealLine = index((v) => v.kind === 'seal');
    const root = (JSON.parse(original[sealLine]) as { body: { merkleRoot: string } }).body
      .merkleRoot;
    const keyLine = index((v) => v.kind === 'key');
    const spki = (JSON.parse(original[keyLine]) as { spki: string }).spki;
    const digest = (JSON.parse(original[0]) as { body: { parts: { seals: { sha256: string } } } })
      .body.parts.seals.sha256;
    const documentLine = index((v) => v.kind === 'document');
    const pdf = (JSON.parse(original[documentLine]) as { content: string }).content;
    const cases: Array<{ part: string; content: string[]; kind: string }> = [
      {
        part: 'event',
        content: change(eventLine, '"type":"', '"type":"X'),
        kind: 'event-hash-mismatch',
      },
      {
        part: 'seal',
        content: change(sealLine, root, flipHex(root[0]) + root.slice(1)),
        kind: 'seal-hash-mismatch',
      },
      {
        part: 'proof',
        content: change(provenLine, path0, flipHex(path0[0]) + path0.slice(1)),
        kind: 'proof-invalid',
      },
      {
        part: 'key',
        content: change(
          keyLine,
          spki,
          spki.slice(0, 30) + (spki[30] === 'A' ? 'B' : 'A') + spki.slice(31),
        ),
        kind: 'key-invalid',
      },
      {
        part: 'manifest',
        content: change(0, digest, flipHex(digest[0]) + digest.slice(1)),
        kind: 'manifest-digest-mismatch',
      },
      {
        part: 'document',
        content: change(
          documentLine,
          pdf,
          pdf.slice(0, 400) + (pdf[400] === 'A' ? 'B' : 'A') + pdf.slice(401),
        ),
        kind: 'document-digest-mismatch',
      },
    ];
    const results = await Promise.all(
      cases.map(async (c) => {
        const file = save(`flipped-${c.part}.jsonl`, c.content);
        const r = await verifyBundle(file);
        return {
          part: c.part,
          code: r.code,
          kind: r.report.problem?.kind,
          python: pythonVerdict(file),
        };
      }),
    );
    expect(results).toEqual(
      cases.map((c) => ({
        part: c.part,
        code: 1,
        kind: c.kind,
        python: python ? { ok: false, kind: c.kind } : undefined,
      })),
    );
    const named = await verifyBundle(save('named.jsonl', cases[0].content));
    expect(named.report.problem).toMatchObject({ stream: 'Mobility-m1', version: 1 });
    const document = await verifyBundle(join(dir, 'flipped-document.jsonl'));
    expect(document.report.problem?.message).toMatch(
      /^document learning-agreement-m1-v1-en\.pdf: /,
    );
  });

  it('an event dropped, the last one dropped, two swapped: named', async () => {
    const original = lines(bundle);
    const events = original
      .map((l, i) => ({ i, kind: (JSON.parse(l) as { kind: string }).kind }))
      .filter((l) => l.kind === 'event')
      .map((l) => l.i);
    expect(events.length).toBeGreaterThanOrEqual(3);
    const [a, b] = [events[1], events[2]];
    const cases = [
      { name: 'dropped', content: original.filter((_, i) => i !== a), kind: 'missing-events' },
      {
        name: 'last-dropped',
        content: original.filter((_, i) => i !== events[events.length - 1]),
        kind: 'missing-events',
      },
      {
        name: 'swapped',
        content: original.map((l, i) => (i === a ? original[b] : i === b ? original[a] : l)),
        kind: 'events-out-of-order',
      },
    ];
    for (const c of cases) {
      const file = save(`${c.name}.jsonl`, c.content);
      const r = await verifyBundle(file);
      expect({ name: c.name, code: r.code, kind: r.report.problem?.kind }).toEqual({
        name: c.name,
        code: 1,
        kind: c.kind,
      });
      if (python) expect(pythonVerdict(file)).toEqual({ ok: false, kind: c.kind });
    }
    const dropped = await verifyBundle(join(dir, 'dropped.jsonl'));
    expect(dropped.report.problem).toMatchObject({ stream: 'Mobility-m1', version: 3 });
  });

  it('a key that is not the trusted one fails (seal-key-untrusted)', async () => {
    const r = await verifyBundle(bundle, '--key', join(dir, 'b.pem'));
    expect(r).toMatchObject({ code: 1, report: { problem: { kind: 'seal-key-untrusted' } } });
  });

  it('says what is wrong with the command line: exit code 2', async () => {
    expect((await cli(['verify-bundle', join(dir, 'nothing.jsonl')])).code).toBe(2);
    expect((await cli(['verify-bundle', bundle, '--key', bundle])).code).toBe(2);
    expect((await cli(['verify-bundle', bundle, '--checkpoint', 'abc'])).code).toBe(2);
    const both = await exportBundle(join(dir, 'x.jsonl'), [
      '--mobility',
      'm1',
      '--partnership',
      'p1',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/name one object/);
  });
});

describe('who may export a bundle (docs/access.md)', () => {
  it("an unrelated coordinator gets 404, as if it did not exist; the school's head 403", async () => {
    const unrelated = await exportBundle(join(dir, 'no.jsonl'), ['--mobility', 'm1'], {
      role: 'coordinator',
      institutionId: OTHER,
    });
    expect(unrelated.code).toBe(2);
    expect(unrelated.stderr).toMatch(/404/);
    const http = async (account: TestAccount, query: string) =>
      (await (await api.as(account)).get(`/audit/bundles?${query}`)).status;
    expect(await http({ role: 'coordinator', institutionId: OTHER }, 'mobilityId=m1')).toBe(404);
    expect(
      await http(
        { role: 'auditor', auditScope: [OTHER], email: 'a.o@test.example' },
        'mobilityId=m1',
      ),
    ).toBe(404);
    expect(await http({ role: 'head', institutionId: SCHOOL }, 'mobilityId=m1')).toBe(403);
    expect(await http({ role: 'coordinator', institutionId: OTHER }, 'institutionId=school')).toBe(
      403,
    );
    expect(await http({ role: 'coordinator', institutionId: HOST }, 'mobilityId=m1')).toBe(200);
    expect(await http({ role: 'administrator', institutionId: SCHOOL }, 'partnershipId=p1')).toBe(
      200,
    );
    expect(
      await http({ role: 'operator', email: 'operator@test.example' }, 'mobilityId=nope'),
    ).toBe(404);
    expect((await api.anonymous.get('/audit/bundles?mobilityId=m1')).status).toBe(401);
  });

  it("an institution's and a partnership's bundle hold what they are part of, and verify", async () => {
    const institution = join(dir, 'school.jsonl');
    expect((await exportBundle(institution, ['--institution', SCHOOL])).code).toBe(0);
    const streams = (
      JSON.parse(lines(institution)[0]) as { body: { streams: Array<{ stream: string }> } }
    ).body.streams.map((s) => s.stream);
    expect(streams).toEqual(['Institution-school', 'Mobility-m1', 'Partnership-p1']);
    expect((await verifyBundle(institution, '--key', join(dir, 'a.pem'))).report.ok).toBe(true);
    const partnership = join(dir, 'p1.jsonl');
    expect((await exportBundle(partnership, ['--partnership', 'p1'])).code).toBe(0);
    // A partnership's bundle: its MoU versions (no personal data: the canonical JSON attached).
    const mou = lines(partnership)
      .map((l) => JSON.parse(l) as { kind: string; name?: string; attached?: string })
      .filter((l) => l.kind === 'document');
    expect(mou.map((d) => [d.name, d.attached])).toEqual([
      ['mou-p1-v1-en.pdf', 'canonical'],
      ['mou-p1-v1-lv.pdf', 'canonical'],
    ]);
    if (python) expect(pythonVerdict(partnership)).toEqual({ ok: true });
    expect((await verifyBundle(partnership, '--key', join(dir, 'a.pem'))).report.ok).toBe(true);
  });
});

describe('checkpoints: anchoring the history outside the database', () => {
  let kept: string;
  let keptHash: string;

  it('GET /audit/checkpoint is public, signed, and a kept one is on a later bundle’s chain', async () => {
    const res = await api.anonymous.get('/audit/checkpoint').expect(200);
    const checkpoint = res.body as {
      body: { sealHash: string; seq: number; treeSize: number; keyId: string };
      signature: string;
      spki: string;
    };
    const { rows } = await pool.query<{ n: number; seq: number }>(
      'SELECT sum(event_count)::int AS n, max(seq)::int AS seq FROM ecvet_event_seals',
    );
    expect(checkpoint.body).toMatchObject({
      seq: rows[0].seq,
      treeSize: rows[0].n,
      keyId: keyA.keyId,
    });
    expect(
      verify(
        null,
        bodyDigest(checkpoint.body),
        ed25519KeyOfSpki(Buffer.from(checkpoint.spki, 'base64'))!,
        Buffer.from(checkpoint.signature, 'base64'),
      ),
    ).toBe(true);
    keptHash = checkpoint.body.sealHash;
    kept = save(
      'kept-checkpoint.json',
      JSON.stringify({ body: checkpoint.body, signature: checkpoint.signature }),
    );

    // History goes on and is sealed: first other objects' events, then the mobility's, so a
    // bundle of the mobility's latest events has seals that start well after the kept one.
    await api.app.get(InstitutionService).register(
      'later',
      {
        kind: 'host-company',
        legalName: 'Institution later',
        legalAddress: 'Street 2',
        country: 'ES',
        identifiers: {},
        preferredLanguage: 'en',
      },
      systemContext(),
    );
    await new PostgresSealer(pool, keyA, 5).sealPending();
    await api.app.get(MobilityService).amendAgreement(
      'm1',
      {
        changes: { plannedPeriod: { start: '2027-03-01', end: '2027-03-21' } },
        reason: 'shorter',
      },
      systemContext(),
    );
    // Not sealed yet: counted, not exported; what is exported still verifies.
    const unsealed = join(dir, 'm1-unsealed.jsonl');
    const before = await exportBundle(unsealed);
    const { rows: m1 } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ecvet_events WHERE stream_id = 'Mobility-m1'`,
    );
    expect(m1[0].n).toBeGreaterThan(3);
    expect(JSON.parse(before.stdout)).toMatchObject({ events: 3, unsealed: m1[0].n - 3 });
    expect(await verifyBundle(unsealed)).toMatchObject({
      code: 0,
      report: { ok: true, events: 3, unsealed: m1[0].n - 3 },
    });
    await new PostgresSealer(pool, keyA, 5).sealPending();

    const later = join(dir, 'm1-later.jsonl');
    expect((await exportBundle(later)).code).toBe(0);
    for (const checkpointArg of [kept, keptHash]) {
      const r = await verifyBundle(
        later,
        '--key',
        join(dir, 'a.pem'),
        '--checkpoint',
        checkpointArg,
      );
      expect(r).toMatchObject({ code: 0, report: { ok: true, checkpoint: 'on-chain' } });
    }
    if (python) expect(pythonVerdict(later, '--checkpoint', kept)).toEqual({ ok: true });
  });

  it('a bundle whose seals start after the kept checkpoint: export --checkpoint reaches back to it', async () => {
    const { rows } = await pool.query<{ at: string }>(
      `SELECT to_char(max(recorded_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM ecvet_events WHERE stream_id = 'Mobility-m1'`,
    );
    const recent = join(dir, 'm1-recent.jsonl');
    expect((await exportBundle(recent, ['--mobility', 'm1', '--from', rows[0].at])).code).toBe(0);
    const alone = await verifyBundle(recent, '--checkpoint', kept);
    expect(alone.report.problem?.kind).toMatch(/^checkpoint-not-(covered|on-chain)$/);
    const reaching = join(dir, 'm1-reaching.jsonl');
    expect(
      (
        await exportBundle(reaching, [
          '--mobility',
          'm1',
          '--from',
          rows[0].at,
          '--checkpoint',
          keptHash,
        ])
      ).code,
    ).toBe(0);
    expect(await verifyBundle(reaching, '--checkpoint', kept)).toMatchObject({
      code: 0,
      report: { ok: true },
    });
  });

  it('a history rewritten and sealed again with another key verifies on its own keys, and fails against the kept checkpoint', async () => {
    // An attacker with the database: rewrites an event of the mobility, recomputes its stream's
    // hashes, removes every seal and seals the log again with their own key — and runs the API
    // with that key, so the bundle carries it.
    const client = await pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      const { rows } = await client.query<{
        version: number;
        event_id: string;
        event_type: string;
        data: string;
        metadata: string;
        recorded_at: string;
      }>(
        `SELECT version, event_id::text AS event_id, event_type, data::text AS data,
                metadata::text AS metadata,
                to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
           FROM ecvet_events WHERE stream_id = 'Mobility-m1' ORDER BY version`,
      );
      let prevHash = '0'.repeat(64);
      for (const r of rows) {
        const dataJson = r.version === 1 ? r.data.replace('2027-03-28', '2027-04-28') : r.data;
        const hash = eventHash({
          stream: 'Mobility-m1',
          version: r.version,
          id: r.event_id,
          type: r.event_type,
          dataJson,
          metadataJson: r.metadata,
          recordedAt: r.recorded_at,
          prevHash,
        });
        await client.query(
          `UPDATE ecvet_events SET data = $1::json, prev_hash = $2, hash = $3
            WHERE stream_id = 'Mobility-m1' AND version = $4`,
          [dataJson, Buffer.from(prevHash, 'hex'), Buffer.from(hash, 'hex'), r.version],
        );
        prevHash = hash;
      }
      await client.query('DELETE FROM ecvet_event_seals');
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
    await new PostgresSealer(pool, keyB, 5).sealPending();
    const saved = process.env.SEAL_SIGNING_KEY;
    process.env.SEAL_SIGNING_KEY = pemB.privateKeyPem;
    const attackers = await createApiApp();
    process.env.SEAL_SIGNING_KEY = saved;
    try {
      const attackersUrl = await listen(attackers);
      const rewritten = join(dir, 'm1-rewritten.jsonl');
      expect(
        (await exportBundle(rewritten, ['--mobility', 'm1'], AUDITOR, attackersUrl)).code,
      ).toBe(0);
      expect(readFileSync(rewritten, 'utf8')).toContain('2027-04-28');
      // On its own keys, it verifies: that is why auditors keep checkpoints and keys.
      expect((await verifyBundle(rewritten)).report.ok).toBe(true);
      for (const checkpointArg of [kept, keptHash]) {
        const r = await verifyBundle(rewritten, '--checkpoint', checkpointArg);
        expect(r).toMatchObject({
          code: 1,
          report: { problem: { kind: 'checkpoint-not-on-chain' } },
        });
      }
      expect(await verifyBundle(rewritten, '--key', join(dir, 'a.pem'))).toMatchObject({
        code: 1,
        report: { problem: { kind: 'seal-key-untrusted' } },
      });
      if (python)
        expect(pythonVerdict(rewritten, '--checkpoint', keptHash)).toEqual({
          ok: false,
          kind: 'checkpoint-not-on-chain',
        });
    } finally {
      await attackers.close();
    }
  });
});
