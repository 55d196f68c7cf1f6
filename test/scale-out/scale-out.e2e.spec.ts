import { randomUUID } from 'node:crypto';
import { Client as TemporalClient } from '@temporalio/client';
import { ApiClient } from '../../infra/demo/api-client';
import { COORDINATOR, LEARNERS, SCHOOL } from '../../infra/demo/seed-data';
import { periodsFrom, runMobility, runSeedsScenario } from '../../infra/demo/seeds-scenario';
import { sleep } from '../../infra/net';
import { LEASE_KEYS } from '../../libs/consumers/src/lease-keys';
import { SystemProcesses, type AppKind, type AppProcess } from '../support/system-processes';

/**
 * Scale-out (issue 14): two API processes and two workers, real processes from the sources, on
 * one PostgreSQL database and one Temporal dev server, behind a round-robin proxy as a load
 * balancer would put them. The single-runner jobs (the read-model projection, the mail outbox
 * and the learner-credit reactor in the API, the Temporal bridge in the worker) each run in
 * exactly one process at a time, and another takes over within seconds of a kill -9; commands
 * through both APIs interleave without a lost update, and no mail goes out twice.
 */
jest.setTimeout(300_000);

const API_LEASES = {
  'read-model projection': LEASE_KEYS.readModelProjection,
  'learner-credit reactor': LEASE_KEYS.learnerCreditReactor,
};
const WORKER_LEASES = {
  'Temporal bridge': LEASE_KEYS.temporalBridge,
  'mail outbox': LEASE_KEYS.mailOutboxProjection,
};
/** The consumers' standby processes try the lock every 5 s; a few seconds more for the restart. */
const TAKEOVER_MS = 15_000;

const system = new SystemProcesses({ label: 'scale_out', apis: 2, workers: 2 });
const pidOf = (app: AppProcess) => app.child.pid!;
const running = (kind: AppKind) => system.running(kind);
const query = <T extends object>(sql: string, params: unknown[] = []) =>
  system.query<T>(sql, params);
const heldBy = (keys: Record<string, number>, pids: number[]) =>
  system.leasesHeldBy(keys, pids, TAKEOVER_MS);
const api = () =>
  new ApiClient(system.proxyUrl, `scale-${randomUUID()}`, (email) => system.token(email));

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value).slice(0, 400)}`);
    await sleep(500);
  }
}

beforeAll(() => system.start());
afterAll(() => system.stop());

describe('two APIs and two workers on one PostgreSQL and one Temporal', () => {
  it('run each single-runner job in exactly one process', async () => {
    const apiPids = running('api').map(pidOf);
    const workerPids = running('worker').map(pidOf);
    await heldBy(API_LEASES, apiPids);
    await heldBy(WORKER_LEASES, workerPids);
  });

  it('take commands through both APIs, interleaved, and deliver each mail once', async () => {
    await runSeedsScenario(api(), {
      annija: 'awaiting-signatures',
      juris: 'awaiting-signatures',
      ingus: 'awaiting-signatures',
    });
    // The proxy alternated: both processes served a share of the scenario's requests.
    const shares = running('api').map((a) => system.servedBy.get(a.port!) ?? 0);
    expect(shares.every((n) => n > 10)).toBe(true);

    // Each mobility got its workflow, through whichever worker holds the bridge.
    const mobilities = await query<{ id: string }>(
      `SELECT DISTINCT substr(stream_id, 10) AS id FROM ecvet_events WHERE stream_id LIKE 'Mobility-%'`,
    );
    expect(mobilities).toHaveLength(3);
    const client = new TemporalClient({ connection: await system.temporalClientConnection() });
    for (const { id } of mobilities) {
      await eventually(
        () =>
          client.workflow
            .getHandle(`mobility-${id}`)
            .describe()
            .then((d) => d.status.name)
            .catch(() => 'missing'),
        (status) => status === 'RUNNING',
        `workflow of mobility ${id}`,
      );
    }

    // Every mail the outbox holds went out exactly once (one Message-ID each, none twice).
    const outbox = await eventually(
      () =>
        query<{ id: string; status: string; message_id: string | null }>(
          'SELECT id, status, message_id FROM ecvet_mail_outbox',
        ),
      (rows) => rows.length > 0 && rows.every((r) => r.status === 'sent'),
      'the outbox sent everything',
    );
    await eventually(
      () => Promise.resolve(system.smtp.received.length),
      (n) => n >= outbox.length,
      'mails arrived',
    );
    await sleep(2_000); // a duplicate, if any, would arrive now
    // No Message-ID twice, and each outbox row's exactly once (other mails, e.g. the accounts'
    // invitations, do not go through the outbox).
    const bare = (id: string | null) => (id ?? '').replace(/^<|>$/g, '');
    const ids = system.smtp.received.map((m) => bare(m.messageId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of outbox)
      expect(ids.filter((id) => id === bare(row.message_id))).toHaveLength(1);
  });

  it('lose no update when writers race through both APIs with the same If-Match', async () => {
    const coordinator = system.token(COORDINATOR.email);
    const path = `/institutions/${SCHOOL.institutionId}`;
    const read = await fetch(`${system.proxyUrl}${path}`, {
      headers: { authorization: `Bearer ${coordinator}` },
    });
    expect(read.status).toBe(200);
    const etag = read.headers.get('etag')!;
    const version = Number(/\d+/.exec(etag)![0]);
    const attempts = 8;
    const answers = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        fetch(`${system.proxyUrl}${path}/contacts`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${coordinator}`,
            'content-type': 'application/json',
            'if-match': etag,
            'idempotency-key': `race-${randomUUID()}`,
          },
          body: JSON.stringify({
            id: `racer-${i}`,
            name: `Racer ${i}`,
            role: 'teacher',
            email: `racer-${i}@example.lv`,
          }),
        }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 201 || s === 200)).toHaveLength(1);
    expect(answers.filter((s) => s === 409)).toHaveLength(attempts - 1);
    const after = await query<{ n: string }>(
      `SELECT max(version)::text AS n FROM ecvet_events WHERE stream_id = $1`,
      [`Institution-${SCHOOL.institutionId}`],
    );
    expect(Number(after[0].n)).toBe(version + 1);
  });

  it('hand the projection and the reactor to the other API within seconds of a kill -9, and go on', async () => {
    const before = await heldBy(API_LEASES, running('api').map(pidOf));
    const victim = running('api').find((a) => pidOf(a) === before['read-model projection'])!;
    const survivor = running('api').find((a) => a !== victim)!;
    await system.kill(victim);
    const killedAt = Date.now();
    await heldBy(API_LEASES, [pidOf(survivor)]);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(TAKEOVER_MS);

    // A command through the survivor reaches its read model (the projection runs again there).
    const coordinator = api().as(COORDINATOR.email);
    await coordinator.write(
      'POST',
      `/institutions/${SCHOOL.institutionId}/contacts`,
      'after-kill',
      {
        id: 'after-kill',
        name: 'After Kill',
        role: 'teacher',
        email: 'after.kill@example.lv',
      },
    );
    // The read model (the projection's table, not the stream fold a GET answers from) has it.
    const written = await query<{ n: string }>(
      `SELECT max(version)::text AS n FROM ecvet_events WHERE stream_id = $1`,
      [`Institution-${SCHOOL.institutionId}`],
    );
    await eventually(
      () =>
        query<{ version: number; doc: { contacts?: Array<{ id: string }> } }>(
          `SELECT version, doc FROM ecvet_read_models WHERE kind = 'institutions' AND id = $1`,
          [SCHOOL.institutionId],
        ),
      (rows) =>
        rows[0]?.version === Number(written[0].n) &&
        (rows[0].doc.contacts ?? []).some((c) => c.id === 'after-kill'),
      'the read model shows the contact added after the kill',
    );
  });

  it('hand the bridge and the mail outbox to the other worker within seconds of a kill -9; workflows still start', async () => {
    const before = await heldBy(WORKER_LEASES, running('worker').map(pidOf));
    const victim = running('worker').find((a) => pidOf(a) === before['Temporal bridge'])!;
    const survivor = running('worker').find((a) => a !== victim)!;
    await system.kill(victim);
    const killedAt = Date.now();
    await heldBy(WORKER_LEASES, [pidOf(survivor)]);
    expect(Date.now() - killedAt).toBeLessThan(TAKEOVER_MS);

    // A mobility planned now gets its workflow from the surviving worker.
    const annija = LEARNERS.find((l) => l.key === 'annija')!;
    const fresh = [{ id: `Mobility-mob-scale-out-${randomUUID().slice(0, 8)}` }];
    await runMobility(
      api(),
      { ...annija, mobilityId: fresh[0].id.slice('Mobility-'.length) },
      periodsFrom(new Date().toISOString().slice(0, 10)).annija,
      'awaiting-signatures',
    );
    const client = new TemporalClient({ connection: await system.temporalClientConnection() });
    for (const { id } of fresh) {
      await eventually(
        () =>
          client.workflow
            .getHandle(`mobility-${id.slice('Mobility-'.length)}`)
            .describe()
            .then((d) => d.status.name)
            .catch(() => 'missing'),
        (status) => status === 'RUNNING',
        `workflow of ${id}`,
      );
    }

    // The surviving worker's outbox sends the new mobility's mails, each exactly once.
    const outbox = await eventually(
      () =>
        query<{ status: string; message_id: string | null }>(
          'SELECT status, message_id FROM ecvet_mail_outbox',
        ),
      (rows) => rows.every((r) => r.status === 'sent'),
      'the outbox sent everything after the kill',
    );
    const bare = (id: string | null) => (id ?? '').replace(/^<|>$/g, '');
    await eventually(
      () => Promise.resolve(system.smtp.received.map((m) => bare(m.messageId))),
      (ids) => outbox.every((row) => ids.includes(bare(row.message_id))),
      'the mails after the kill arrived',
    );
    await sleep(2_000);
    const ids = system.smtp.received.map((m) => bare(m.messageId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
