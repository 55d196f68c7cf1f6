import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { MobilityService, PartnershipService } from '@ecvet/application';
import { startTestApi, type TestAccount, type TestApi } from '../support/api-app';
import { annijasWorld, MOU_CONTENT, OTHER, SCHOOL, systemContext } from '../support/world';

/**
 * The auditors' and operators' command line against a real API (`ecvet history|state|diff|verify|
 * rebuild|replay-workflows`, the real entry point in a child process, with an account's token):
 * scope is the API's, so an auditor reads what the API lets them read and nothing else, the
 * operators' checks are refused to everyone else, and each exit code means what it says.
 */
const run = promisify(execFile);
const root = join(__dirname, '..', '..');
let api: TestApi;
let apiUrl: string;

const WHO = {
  auditor: { role: 'auditor', auditScope: [SCHOOL], email: 'auditor.school@test.example' },
  auditorElsewhere: { role: 'auditor', auditScope: [OTHER], email: 'auditor.o@test.example' },
  operator: { role: 'operator', email: 'operator@test.example' },
  unrelated: { role: 'coordinator', institutionId: OTHER },
} satisfies Record<string, TestAccount>;

/** Institutions, the catalogue, a signed MoU amended once, a mobility whose agreement was amended. */
async function world(): Promise<void> {
  await annijasWorld(api);
  await api.app
    .get(MobilityService)
    .amendAgreement(
      'm1',
      { changes: { plannedPeriod: { start: '2027-03-01', end: '2027-03-21' } }, reason: 'shorter' },
      systemContext(),
    );
  await api.app
    .get(PartnershipService)
    .amendMou(
      'p1',
      { content: { ...MOU_CONTENT, mentoring: 'a mentor at each side, weekly calls' } },
      systemContext(),
    );
}

beforeAll(async () => {
  api = await startTestApi('cli-audit');
  await api.app.listen(0, '127.0.0.1');
  apiUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  await world();
  await api.readModelsCaughtUp();
});
afterAll(() => api?.close());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `ecvet …` as `who` (or with this token), in a child process (the real entry point, as `npm
 * run cli` runs it). */
async function ecvet(who: TestAccount | string | undefined, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ECVET_API_URL: apiUrl };
  delete env.ECVET_TOKEN;
  if (who) env.ECVET_TOKEN = typeof who === 'string' ? who : await api.tokenOf(who);
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: root, env },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function sql<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: api.db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('ecvet history', () => {
  it("prints a mobility's timeline for an auditor in scope: version, time, actor, type, key fields", async () => {
    const res = await ecvet(WHO.auditor, 'history', '--mobility', 'm1');
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toBe('Mobility m1: 4 events');
    expect(lines[1]).toMatch(
      /^v1 {2}\d{4}-\d\d-\d\dT[\d:.]+Z {2}system:test-setup \(system\) {2}MobilityPlanned {2}/,
    );
    expect(lines[3]).toMatch(
      /LearningAgreementVersionDrafted {2}version=2 {2}amendmentReason=shorter {2}/,
    );
    expect(lines[4]).toMatch(
      /MobilityPlanWarningRaised {2}code=ecvet-points-exceed-period {2}message=/,
    );
    // What the API redacts for an auditor stays redacted (the learner's name).
    expect(res.stdout).not.toContain('Annija');
  });

  it('--json prints the API answer as it is', async () => {
    const res = await ecvet(WHO.auditor, 'history', '--mobility', 'm1', '--json');
    expect(res.code).toBe(0);
    const entries = JSON.parse(res.stdout) as Array<{ version: number; type: string }>;
    expect(entries.map((e) => e.type)).toEqual([
      'MobilityPlanned',
      'LearningAgreementVersionDrafted',
      'LearningAgreementVersionDrafted',
      // The shorter period no longer fits the units: a warning, recorded with the amendment.
      'MobilityPlanWarningRaised',
    ]);
  });

  it('an object outside the principal’s scope is not found (404, exit 2), as over HTTP', async () => {
    for (const who of [WHO.unrelated, WHO.auditorElsewhere]) {
      const res = await ecvet(who, 'history', '--mobility', 'm1');
      expect(res).toMatchObject({ code: 2, stdout: '' });
      expect(res.stderr).toMatch(/^ecvet: 404 Not found/);
    }
  });

  it('without a token, or with a bad one, or naming no object: exit 2', async () => {
    const none = await ecvet(undefined, 'history', '--mobility', 'm1');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no API token');
    const bad = await ecvet('ecvet_not-a-token', 'history', '--mobility', 'm1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ecvet: 401/);
    const nothing = await ecvet(WHO.auditor, 'history');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('name one object');
  });
});

describe('ecvet state', () => {
  it('--as-of a version answers what the API answers for asOfVersion', async () => {
    const res = await ecvet(WHO.auditor, 'state', '--mobility', 'm1', '--as-of', '2', '--json');
    expect(res.code).toBe(0);
    const state = JSON.parse(res.stdout) as { version: number; view: object };
    const expected = await (
      await api.as(WHO.auditor)
    )
      .get('/mobilities/m1?asOfVersion=2')
      .expect(200);
    expect(state).toEqual({ version: 2, view: expected.body });

    const human = await ecvet(WHO.auditor, 'state', '--mobility', 'm1', '--as-of', '2');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Mobility m1 as of version 2 \(version 2\)\n/);
    expect(human.stdout).toContain('mobilityId: m1\n');
  });

  it('--as-of an instant: the state at that time', async () => {
    const [last] = await sql<{ recorded_at: Date }>(
      `SELECT recorded_at FROM ecvet_events WHERE stream_id = 'Mobility-m1' ORDER BY version DESC LIMIT 1`,
    );
    const instant = last.recorded_at.toISOString();
    const res = await ecvet(WHO.auditor, 'state', '--mobility', 'm1', '--as-of', instant, '--json');
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as { version: number }).version).toBe(4);
    const bad = await ecvet(WHO.auditor, 'state', '--mobility', 'm1', '--as-of', 'yesterday');
    expect(bad.code).toBe(2);
  });
});

describe('ecvet diff', () => {
  it('two Learning Agreement versions: the changed field, and only that', async () => {
    const res = await ecvet(WHO.auditor, 'diff', '--mobility', 'm1', '--versions', '1,2', '--json');
    expect(res.code).toBe(0);
    const diff = JSON.parse(res.stdout) as {
      from: { version: number };
      to: { version: number; amendmentReason: string };
      changes: Array<{ path: string; before?: unknown; after?: unknown }>;
    };
    expect(diff.from.version).toBe(1);
    expect(diff.to).toMatchObject({ version: 2, amendmentReason: 'shorter' });
    expect(diff.changes).toEqual([
      { path: 'content.plannedPeriod.end', before: '2027-03-28', after: '2027-03-21' },
    ]);

    const human = await ecvet(WHO.auditor, 'diff', '--mobility', 'm1', '--versions', '1,2');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('content.plannedPeriod.end: 2027-03-28 → 2027-03-21\n');
    expect(human.stdout).not.toContain('plannedPeriod.start');
  });

  it('two MoU versions, field by field', async () => {
    const res = await ecvet(
      WHO.auditor,
      'diff',
      '--partnership',
      'p1',
      '--versions',
      '1,2',
      '--json',
    );
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as { changes: object[] }).changes).toEqual([
      {
        path: 'document.content.mentoring',
        before: 'a mentor at each side',
        after: 'a mentor at each side, weekly calls',
      },
    ]);
  });

  it('a version that does not exist: 404, exit 2', async () => {
    const res = await ecvet(WHO.auditor, 'diff', '--mobility', 'm1', '--versions', '1,7');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('no agreement version 7');
  });
});

describe('ecvet verify (operators only)', () => {
  it('is refused to an auditor (403, exit 2)', async () => {
    const res = await ecvet(WHO.auditor, 'verify');
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^ecvet: 403 Not allowed/);
  });

  it('verifies the whole log for an operator (exit 0)', async () => {
    const res = await ecvet(WHO.operator, 'verify', '--json');
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as { ok: boolean; eventsChecked: number };
    const [{ n }] = await sql<{ n: string }>('SELECT count(*)::text AS n FROM ecvet_events');
    expect(report).toMatchObject({ ok: true, eventsChecked: Number(n), hashing: 'node' });
    const human = await ecvet(WHO.operator, 'verify', '--hashing', 'database');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^the log verifies: \d+ events in \d+ streams/);
  });

  it('names the first altered event (exit 1)', async () => {
    const stream = `Institution-${OTHER}`;
    const [original] = await sql<{ data: string }>(
      `SELECT data::text AS data FROM ecvet_events WHERE stream_id = $1 AND version = 1`,
      [stream],
    );
    const alter = (data: string) =>
      sql(
        `SET session_replication_role = replica;
         UPDATE ecvet_events SET data = '${data.replace(/'/g, "''")}'::json
          WHERE stream_id = '${stream}' AND version = 1;`,
      );
    await alter(original.data.replace('Institution other', 'Institution 0ther'));
    try {
      const res = await ecvet(WHO.operator, 'verify', '--json');
      expect(res.code).toBe(1);
      const report = JSON.parse(res.stdout) as { ok: boolean; problem: object; event: object };
      expect(report).toMatchObject({
        ok: false,
        problem: { kind: 'event-hash-mismatch', stream, version: 1 },
        event: { version: 1, type: 'InstitutionRegistered' },
      });
      const human = await ecvet(WHO.operator, 'verify');
      expect(human.code).toBe(1);
      expect(human.stdout).toContain(`at ${stream}@1`);
      expect(human.stderr).toContain('the log does not verify (event-hash-mismatch)');
    } finally {
      await alter(original.data);
    }
    expect((await ecvet(WHO.operator, 'verify')).code).toBe(0);
  });
});

describe('ecvet rebuild (operators only)', () => {
  it('is refused to an auditor (403, exit 2) and names the read models it knows (400, exit 2)', async () => {
    expect((await ecvet(WHO.auditor, 'rebuild', 'mobilities')).code).toBe(2);
    const unknown = await ecvet(WHO.operator, 'rebuild', 'spaceships');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('kind must be one of');
  });

  it('the read model rebuilt from the log equals the live table (exit 0)', async () => {
    const res = await ecvet(WHO.operator, 'rebuild', 'mobilities', '--json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      kind: 'mobilities',
      rebuiltDocuments: 1,
      liveDocuments: 1,
      eventsRead: 4,
      equal: true,
      differences: [],
    });
    for (const kind of ['partnerships', 'institutions', 'qualifications', 'accounts'])
      expect((await ecvet(WHO.operator, 'rebuild', kind)).code).toBe(0);
  });

  it('a row altered in SQL differs: exit 1, naming the id and the field', async () => {
    await sql(
      `UPDATE ecvet_read_models SET doc = jsonb_set(doc, '{phase}', '"completed"')
        WHERE kind = 'mobilities' AND id = 'm1'`,
    );
    const res = await ecvet(WHO.operator, 'rebuild', 'mobilities');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^mobilities: 1 documents rebuilt from 4 events; .*1 differ\n/);
    expect(res.stdout).toContain('  m1: content live v4 rebuilt v4 (phase)');
    expect(res.stderr).toContain('the mobilities read model differs from the log: m1');
  });
});

describe('ecvet replay-workflows', () => {
  const histories = join(root, 'test', 'histories');

  it('replays the recorded histories against the current workflow code (exit 0)', async () => {
    const res = await ecvet(undefined, 'replay-workflows', '--from-files', histories, '--json');
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as {
      replayed: number;
      failed: number;
      results: Array<{ workflowId: string; ok: boolean }>;
    };
    expect(report.failed).toBe(0);
    expect(report.results.map((r) => r.workflowId)).toEqual([
      'mobility-mob-annija',
      'mobility-mob-ingus',
      'mobility-mob-juris',
      'partnership-rtrit-2026',
    ]);
  });

  it('a history the code no longer makes the same decisions for: nondeterminism, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecvet-histories-'));
    try {
      const history = JSON.parse(
        readFileSync(join(histories, 'mobility-mob-annija.json'), 'utf8'),
      ) as { events: Array<Record<string, { activityType?: { name: string } }>> };
      const scheduled = history.events.find((e) => e.activityTaskScheduledEventAttributes)!;
      scheduled.activityTaskScheduledEventAttributes.activityType = { name: 'renamedActivity' };
      writeFileSync(join(dir, 'mobility-tampered.json'), JSON.stringify(history));
      copyFileSync(join(histories, 'partnership-rtrit-2026.json'), join(dir, 'partnership.json'));
      const res = await ecvet(undefined, 'replay-workflows', '--from-files', dir);
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/^replayed 2 workflow histories from files in .*: 1 failed\n/);
      expect(res.stdout).toMatch(/mobility-tampered \(.*\) {2}NONDETERMINISM: .*renamedActivity/);
      expect(res.stdout).toMatch(/partnership \(.*\) {2}ok/);
      expect(res.stderr).toContain('no longer replay: mobility-tampered');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
