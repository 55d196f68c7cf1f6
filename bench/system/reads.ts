import { Pool } from 'pg';
import { COORDINATOR, SCHOOL } from '../../infra/demo/seed-data';
import { listScope } from '../../libs/application/src/queries/list-views.query';
import { COLUMNS } from '../../libs/event-store/src/postgres/event-rows';
import type { Principal } from '../../libs/identity/src/principal';
import { percentiles, type Percentiles } from '../dashboard';
import { round, summarize } from '../lib/stats';
import type { Http } from './http';
import type { RunningSystem } from './system';

/** The API's pool size (libs/database): the bare SELECTs get a pool of the same size. */
const API_POOL = 10;
const ROUNDS = 2;

export interface ReadRound {
  perSecond: number;
  latencyMs: Percentiles;
}

export interface ReadScenario {
  what: string;
  api: { perSecond: number; rounds: ReadRound[] };
  bare: { perSecond: number; rounds: ReadRound[]; sql: string };
  ratio: number;
}

/** `clients` loops calling `fn` for `seconds`; each call returns its latency in ms. */
async function closedReads(
  clients: number,
  seconds: number,
  fn: (i: number) => Promise<number>,
): Promise<ReadRound> {
  const ms: number[] = [];
  const start = performance.now();
  const until = start + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) ms.push(await fn(i++));
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { perSecond: round(ms.length / elapsed, 4), latencyMs: percentiles(ms) };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * Authenticated reads through the API against a bare SELECT of the same rows through the same
 * driver (`pg`, a pool of the API's size), `clients` at once, rounds interleaved (API, bare, API,
 * bare): one mobility (`GET /mobilities/{id}`: its stream read, personal fields decrypted, folded,
 * the caller's access checked) against the stream's rows; the coordinator's list page
 * (`GET /mobilities?limit=50`) against the list's own SQL with the coordinator's scope.
 */
export async function runReads(
  system: RunningSystem,
  http: Http,
  mobilities: string[],
  options: { clients: number; seconds: number },
): Promise<ReadScenario[]> {
  if (!mobilities.length) throw new Error('reads: no mobilities to read');
  const token = system.token(COORDINATOR.email);
  const pool = new Pool({ connectionString: system.databaseUrl, max: API_POOL });
  const coordinator: Principal = {
    accountId: 'bench',
    email: COORDINATOR.email,
    name: COORDINATOR.name,
    role: 'coordinator',
    institutionId: SCHOOL.institutionId,
    via: 'api-token',
  };
  const scope = listScope('mobilities', coordinator, 5);
  const streamSql = `SELECT ${COLUMNS} FROM ecvet_events WHERE stream_id = $1 ORDER BY version`;
  const listSql = `SELECT doc, count(*) OVER () AS total FROM ecvet_read_models
      WHERE kind = $1 AND doc @> $2::jsonb AND (${scope.sql})
      ORDER BY updated_at DESC, id LIMIT $3 OFFSET $4`;
  const cases = [
    {
      what: 'one mobility (GET /mobilities/{id})',
      api: (i: number) =>
        timed(() => http.ok('GET', `/mobilities/${mobilities[i % mobilities.length]}`, token)),
      bare: (i: number) =>
        timed(() => pool.query(streamSql, [`Mobility-${mobilities[i % mobilities.length]}`])),
      sql: streamSql,
    },
    {
      what: 'list page (GET /mobilities?limit=50)',
      api: () => timed(() => http.ok('GET', '/mobilities?limit=50', token)),
      bare: () => timed(() => pool.query(listSql, ['mobilities', '{}', 50, 0, ...scope.params])),
      sql: listSql,
    },
  ];
  const results: ReadScenario[] = [];
  try {
    await system.settle();
    for (const c of cases) {
      // Unmeasured: JIT, the pools, the caches on both sides.
      await closedReads(options.clients, 1, c.api);
      await closedReads(options.clients, 1, c.bare);
      const api: ReadRound[] = [];
      const bare: ReadRound[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        api.push(await closedReads(options.clients, options.seconds, c.api));
        bare.push(await closedReads(options.clients, options.seconds, c.bare));
      }
      const apiRate = summarize(api.map((x) => x.perSecond)).median;
      const bareRate = summarize(bare.map((x) => x.perSecond)).median;
      results.push({
        what: c.what,
        api: { perSecond: round(apiRate, 4), rounds: api },
        bare: { perSecond: round(bareRate, 4), rounds: bare, sql: c.sql.replace(/\s+/g, ' ') },
        ratio: round(apiRate / bareRate, 3),
      });
      console.log(`  ${c.what}: API ${round(apiRate, 4)}/s, bare ${round(bareRate, 4)}/s`);
    }
  } finally {
    await pool.end();
  }
  return results;
}
