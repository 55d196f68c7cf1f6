import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { freePort } from '../../infra/net';
import { AccountService } from '../../libs/application/src';
import { migrateDatabase } from '../../libs/database/src/migrations/migrate-database';
import { BenchCluster, PG_SETTINGS } from '../event-store/cluster';
import { describeMachine } from '../lib/machine';
import { round } from '../lib/stats';
import { formatTable } from '../lib/table';
import { BIG_SCHOOL, generateMobilities } from './generate';

export const USAGE = `dashboard [--mobilities N] [--samples N] [--quick] [--keep-data]
  The dashboard's overview and a filtered list page through the real API over HTTP, on
  100,000 generated mobilities (--quick: 10,000 and 50 samples), p50/p95/p99 beside a bare
  SELECT of the same rows. Results: bench/results/dashboard.json.`;

interface Options {
  mobilities: number;
  samples: number;
  keepData: boolean;
  quick: boolean;
}

function parseOptions(args: string[]): Options {
  const quick = args.includes('--quick');
  const value = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const n = Number(args[i + 1]);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive whole number`);
    return n;
  };
  return {
    quick,
    mobilities: value('--mobilities', quick ? 10_000 : 100_000),
    samples: value('--samples', quick ? 50 : 250),
    keepData: args.includes('--keep-data'),
  };
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  samples: number;
}

export function percentiles(ms: number[]): Percentiles {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    p50: round(at(0.5), 3),
    p95: round(at(0.95), 3),
    p99: round(at(0.99), 3),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length, 3),
    samples: sorted.length,
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** GET over HTTP; the body is read whole (what a browser waits for). Milliseconds. */
function timedGet(
  port: number,
  path: string,
  token: string,
): Promise<{ ms: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode} ${body}`));
          else resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, body });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function timedQuery(client: Client, sql: string, params: unknown[]): Promise<number> {
  const started = process.hrtime.bigint();
  await client.query(sql, params);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const LIST_FILTER = 'phase=under-way&hostCountry=ES&sort=start&limit=50';
const BARE_COLUMNS = `mobility_id, version, learner_name, phase, partnership_id,
  sending_institution_id, host_institution_id, host_country, planned_start::text,
  planned_end::text, overdue, waiting_for, next_deadline_kind, next_deadline_due::text,
  updated_at`;

export async function runDashboardBench(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const cluster = new BenchCluster({ keepData: options.keepData });
  const savedEnv = { ...process.env };
  try {
    await cluster.startPostgres();
    await cluster.createDatabases(['dashboard']);
    const url = cluster.urlFor('dashboard');
    await migrateDatabase(url);
    const db = new Client({ connectionString: url });
    await db.connect();
    let started = process.hrtime.bigint();
    await generateMobilities(db, options.mobilities);
    console.log(
      `generated ${options.mobilities} mobilities in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
    );

    // The real API, in this process, listening on a port; its consumers of the log stay off.
    Object.assign(process.env, {
      DATABASE_URL: url,
      PII_MASTER_KEY: randomBytes(32).toString('base64'),
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      LOG_LEVEL: 'silent',
      READ_MODEL_PROJECTION: 'off',
    });
    const app = await createApiApp();
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    const accounts = app.get(AccountService);
    const tokenOf = async (email: string, role: 'coordinator' | 'operator') => {
      const accountId = `acc-${role}`;
      const context = () => {
        const id = randomUUID();
        const at = new Date().toISOString();
        return {
          commandId: id,
          actor: { id: 'system:bench', role: 'system' as const },
          issuedAt: at,
          correlationId: id,
          causationId: id,
        };
      };
      await accounts.provision(
        accountId,
        { email, name: email, role, ...(role === 'coordinator' && { institutionId: BIG_SCHOOL }) },
        context(),
      );
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      return (await accounts.createApiToken(accountId, { label: 'bench', expiresAt }, context()))
        .token;
    };
    const principals = {
      coordinator: {
        token: await tokenOf(`coordinator@${BIG_SCHOOL}.example`, 'coordinator'),
        scope: true,
      },
      operator: { token: await tokenOf('operator@bench.example', 'operator'), scope: false },
    };
    const { rows: counts } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ecvet_dashboard_mobilities
        WHERE sending_institution_id = $1 OR host_institution_id = $1`,
      [BIG_SCHOOL],
    );

    const scenarios: Record<string, unknown> = {};
    const table: string[][] = [];
    for (const [who, principal] of Object.entries(principals)) {
      const scope = principal.scope
        ? `(sending_institution_id = $1 OR host_institution_id = $1)`
        : '$1::text IS NOT NULL';
      // A later page: walk four pages of the filtered list to the fifth's cursor.
      let cursor = '';
      for (let page = 0; page < 4; page++) {
        const { body } = await timedGet(
          port,
          `/dashboard/mobilities?${LIST_FILTER}${cursor}`,
          principal.token,
        );
        const next = (JSON.parse(body) as { nextCursor: string | null }).nextCursor;
        if (!next) break;
        cursor = `&cursor=${next}`;
      }
      const after = cursor
        ? (JSON.parse(Buffer.from(cursor.slice(8), 'base64url').toString('utf8')) as string[])
        : undefined;
      const listSql = (keyset: boolean) =>
        `SELECT ${BARE_COLUMNS} FROM ecvet_dashboard_mobilities
          WHERE ${scope} AND phase = 'under-way' AND host_country = 'ES'
          ${keyset ? `AND (coalesce(planned_start, '-infinity'::date), mobility_id) > ($2::date, $3)` : ''}
          ORDER BY coalesce(planned_start, '-infinity'::date), mobility_id LIMIT 51`;
      const cases: Array<{ name: string; path: string; sql: string; params: unknown[] }> = [
        {
          name: `overview (${who})`,
          path: '/dashboard/overview',
          sql: `SELECT phase, count(*) FROM ecvet_dashboard_mobilities WHERE ${scope} GROUP BY phase`,
          params: [BIG_SCHOOL],
        },
        {
          name: `list, first page (${who})`,
          path: `/dashboard/mobilities?${LIST_FILTER}`,
          sql: listSql(false),
          params: [BIG_SCHOOL],
        },
        ...(after
          ? [
              {
                name: `list, 5th page by cursor (${who})`,
                path: `/dashboard/mobilities?${LIST_FILTER}${cursor}`,
                sql: listSql(true),
                params: [BIG_SCHOOL, after[1], after[2]],
              },
            ]
          : []),
      ];
      for (const c of cases) {
        const api: number[] = [];
        const bare: number[] = [];
        for (let i = 0; i < Math.ceil(options.samples / 10); i++) {
          await timedGet(port, c.path, principal.token);
          await timedQuery(db, c.sql, c.params);
        }
        started = process.hrtime.bigint();
        // Interleaved: the API's request, then the bare SELECT, so both see the same machine.
        for (let i = 0; i < options.samples; i++) {
          api.push((await timedGet(port, c.path, principal.token)).ms);
          bare.push(await timedQuery(db, c.sql, c.params));
        }
        const a = percentiles(api);
        const b = percentiles(bare);
        scenarios[c.name] = {
          path: c.path,
          api: a,
          bare: { ...b, sql: c.sql.replace(/\s+/g, ' ').trim() },
          ratioP50: round(a.p50 / b.p50, 3),
          ratioP95: round(a.p95 / b.p95, 3),
          target: 'API p95 ≤ 50 ms',
          pass: a.p95 <= 50,
        };
        table.push([
          c.name,
          String(a.p50),
          String(a.p95),
          String(a.p99),
          String(b.p50),
          String(b.p95),
          String(round(a.p95 / b.p95, 3)),
          a.p95 <= 50 ? 'PASS' : 'MISS',
        ]);
      }
    }
    await app.close();
    await db.end();
    const machine = await describeMachine(cluster.adminUrl, Object.keys(PG_SETTINGS));
    const results = {
      machine,
      options,
      data: {
        mobilities: options.mobilities,
        coordinatorScopeRows: Number(counts[0].n),
        listFilter: LIST_FILTER,
      },
      scenarios,
    };
    const dir = join(__dirname, '..', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dashboard.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      formatTable(
        ['scenario', 'API p50 ms', 'p95', 'p99', 'bare p50', 'bare p95', 'p95 ratio', 'target'],
        table,
      ),
    );
    console.log('results: bench/results/dashboard.json');
  } finally {
    process.env = savedEnv;
    await cluster.shutdown();
  }
}
