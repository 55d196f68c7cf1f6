import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { MobilityService } from '@ecvet/application';
import {
  exportSealSigner,
  generateSealSigner,
  PostgresSealer,
  type SealSigner,
} from '@ecvet/event-store';
import { verifyLog } from '../../apps/api/src/operations/log-verification';
import { startTestApi, type TestAccount, type TestApi } from '../support/api-app';
import { cli, listen, verifyBundle } from '../support/audit-cli';
import { annijasWorld, systemContext } from '../support/world';

/**
 * A seal key rotated (README, "Running in production"): seals signed with the old key A, then
 * with the new key B. With SEAL_SIGNING_KEY=B alone, A's seals are untrusted; with
 * SEAL_TRUSTED_KEYS holding A's public key beside it, the log verifies (through the API's
 * operations job) and a mobility's bundle carries both keys and verifies offline.
 */
const keyA = generateSealSigner();
const keyB = generateSealSigner();
const pemA = exportSealSigner(keyA);
const pemB = exportSealSigner(keyB);
const AUDITOR: TestAccount = { role: 'auditor', auditScope: 'all', email: 'auditor@test.example' };

/**
 * Seals what is pending with `signer`; how many seals. Events whose transactions may still be
 * overtaken by an earlier one in flight (the projection's, the reactor's) are sealed only once
 * that one ends, so this tries again for a few seconds.
 */
async function sealWith(signer: SealSigner): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const seals = await new PostgresSealer(pool, signer, 5).sealPending();
    if (seals.length > 0 || attempt === 50) return seals.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let api: TestApi;
let pool: Pool;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecvet-rotation-'));
  writeFileSync(join(dir, 'a.pem'), pemA.publicKeyPem);
  writeFileSync(join(dir, 'b.pem'), pemB.publicKeyPem);
  // The system after the rotation: signs with B, still trusts A (here as a file's path).
  api = await startTestApi('seal_rotation', {
    SEAL_SIGNING_KEY: pemB.privateKeyPem,
    SEAL_TRUSTED_KEYS: join(dir, 'a.pem'),
  });
  pool = new Pool({ connectionString: api.db.url });
  pool.on('error', () => undefined);
  // Before the rotation: the mobility's first events, sealed with A.
  await annijasWorld(api);
  expect(await sealWith(keyA)).toBeGreaterThan(0);
  // After it: more of the mobility, sealed with B.
  await api.app
    .get(MobilityService)
    .amendAgreement(
      'm1',
      { changes: { lifeSkills: ['foreign-languages'] }, reason: 'after the rotation' },
      systemContext(),
    );
  expect(await sealWith(keyB)).toBeGreaterThan(0);
  await api.readModelsCaughtUp();
});
afterAll(async () => {
  await pool?.end();
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a rotated seal key', () => {
  it('the new key alone does not trust the old seals; with SEAL_TRUSTED_KEYS the log verifies', async () => {
    const alone = await verifyLog(pool, { sealSigningKeyPem: pemB.privateKeyPem });
    expect(alone).toMatchObject({
      ok: false,
      signaturesChecked: true,
      trustedKeyIds: [keyB.keyId],
      problem: { kind: 'seal-key-untrusted' },
    });
    const both = await verifyLog(pool, {
      sealSigningKeyPem: pemB.privateKeyPem,
      sealTrustedKeys: pemA.publicKeyPem,
    });
    expect(both).toMatchObject({ ok: true, trustedKeyIds: [keyB.keyId, keyA.keyId] });
    const { rows } = await pool.query<{ key_id: string }>(
      'SELECT DISTINCT key_id FROM ecvet_event_seals ORDER BY 1',
    );
    expect(rows.map((r) => r.key_id).sort()).toEqual([keyA.keyId, keyB.keyId].sort());
  });

  it("the API's verification job trusts both keys from its settings", async () => {
    const started = await api.http.post('/operations/verifications').send({}).expect(202);
    let job = started.body as { status: string; result?: Record<string, unknown> };
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await api.http.get(`/operations/jobs/${started.body.jobId}`).expect(200)).body;
    }
    expect(job).toMatchObject({
      status: 'done',
      result: { ok: true, signaturesChecked: true, trustedKeyIds: [keyB.keyId, keyA.keyId] },
    });
  });

  it("a mobility's bundle carries both keys and verifies offline; A's key alone does not verify B's seals", async () => {
    const url = await listen(api.app);
    const bundle = join(dir, 'm1.jsonl');
    const exported = await cli(
      ['export', '--mobility', 'm1', '--out', bundle, '--api', url, '--json'],
      { ECVET_TOKEN: await api.tokenOf(AUDITOR) },
    );
    expect(exported).toMatchObject({ code: 0 });
    const own = await verifyBundle(bundle);
    expect(own).toMatchObject({ code: 0, report: { ok: true } });
    const keyLines = readFileSync(bundle, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"kind":"key"'));
    expect(keyLines).toHaveLength(2);
    expect(
      await verifyBundle(bundle, '--key', join(dir, 'a.pem'), '--key', join(dir, 'b.pem')),
    ).toMatchObject({ code: 0, report: { ok: true } });
    expect(await verifyBundle(bundle, '--key', join(dir, 'a.pem'))).toMatchObject({
      code: 1,
      report: { problem: { kind: 'seal-key-untrusted' } },
    });
  });
});
