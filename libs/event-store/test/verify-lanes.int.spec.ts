import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Pool } from 'pg';
import {
  createPostgresEventStore,
  eventHashDigest,
  generateSealSigner,
  migrateEventStore,
  PostgresSealer,
  verifyInOneLane,
  type VerificationReport,
} from '../src';
import { planLanes } from '../src/postgres/verify-lanes';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { event } from './event-store.contract';

/**
 * The parallel verifier (lanes over seal ranges, worker threads) against the single-lane one, on
 * real PostgreSQL: the same report — same counts, same first problem — on clean and tampered logs.
 */

interface World {
  db: TestDatabase;
  pool: Pool;
  trustedKeys: Map<string, import('node:crypto').KeyObject>;
  /** The log's events in log order. */
  positions(): Promise<Array<{ position: string; stream_id: string; version: number }>>;
  tamper(sql: string, params?: unknown[]): Promise<void>;
  /** Rewrites an event's prev_hash and recomputes its hash, as an attacker who knows the
   * encoding would: its own hash matches, only the chain to its stream's previous event breaks. */
  relink(position: string): Promise<void>;
  lanes(lanes: number): Promise<VerificationReport>;
  oneLane(): Promise<VerificationReport>;
  close(): Promise<void>;
}

/** `appends`: [stream index, events] in order; sealed `perSeal` events at a time, then `unsealed`
 * more appends after the last seal. */
async function world(
  appends: Array<[number, number]>,
  perSeal: number,
  unsealed: Array<[number, number]> = [],
): Promise<World> {
  const db = await createTestDatabase('lanes');
  await migrateEventStore(db.url);
  const pool = new Pool({ connectionString: db.url });
  pool.on('error', () => undefined);
  const store = createPostgresEventStore({ pool });
  const signer = generateSealSigner();
  const names = Array.from({ length: 8 }, (_, i) => `Mobility-${i}-${randomUUID()}`);
  const append = async (list: Array<[number, number]>) => {
    for (const [stream, count] of list) {
      const events = Array.from({ length: count }, (_, i) => event('A', { i }));
      await store.append(names[stream], events, { expected: 'any' });
    }
  };
  await append(appends);
  await new PostgresSealer(pool, signer, perSeal).sealPending();
  await append(unsealed);
  const trustedKeys = new Map([[signer.keyId, signer.publicKey]]);
  const tamper = async (sql: string, params: unknown[] = []) => {
    const client = await pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await client.query(sql, params);
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
  };
  return {
    db,
    pool,
    trustedKeys,
    positions: async () =>
      (
        await pool.query<{ position: string; stream_id: string; version: number }>(
          'SELECT position::text, stream_id, version FROM ecvet_events ORDER BY tx_id, position',
        )
      ).rows,
    tamper,
    relink: async (position) => {
      const { rows } = await pool.query<Record<string, string>>(
        `SELECT stream_id, version::text, event_id::text, event_type, data::text, metadata::text,
           to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM ecvet_events WHERE position = $1`,
        [position],
      );
      const r = rows[0];
      const prev = randomBytes(32);
      const hash = eventHashDigest({
        stream: r.stream_id,
        version: Number(r.version),
        id: r.event_id,
        type: r.event_type,
        dataJson: r.data,
        metadataJson: r.metadata,
        recordedAt: r.at,
        prevHash: prev.toString('hex'),
      });
      await tamper('UPDATE ecvet_events SET prev_hash = $2, hash = $3 WHERE position = $1', [
        position,
        prev,
        hash,
      ]);
    },
    lanes: (lanes) => store.verify({ trustedKeys, lanes, minEventsForLanes: 0, pageSize: 3 }),
    oneLane: () => verifyInOneLane(pool, { trustedKeys }),
    close: async () => {
      await store.dispose();
      await pool.end();
      await db.drop();
    },
  };
}

// 8 streams interleaved, 36 events, seals of 4: 9 seals, lanes of 3 seals (12 events) each.
const INTERLEAVED: Array<[number, number]> = Array.from({ length: 18 }, (_, i) => [i % 5, 2]);

describe('verify() in parallel lanes over seal ranges', () => {
  let w: World | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('plans contiguous lanes of about equal event counts, each with at least one seal', () => {
    const seals = [5, 5, 5, 5, 5, 5, 1].map((eventCount) => ({ eventCount }));
    const plan = planLanes(seals, 3);
    expect(plan).toEqual([
      { from: 0, to: 2 },
      { from: 3, to: 4 },
      { from: 5, to: 6 },
    ]);
    expect(planLanes(seals.slice(0, 2), 4)).toEqual([
      { from: 0, to: 0 },
      { from: 1, to: 1 },
    ]);
  });

  it('reports a clean log exactly as the single-lane verifier does', async () => {
    w = await world(INTERLEAVED, 4, [
      [1, 2],
      [6, 1],
    ]);
    const one = await w.oneLane();
    expect(one).toMatchObject({ ok: true, eventsChecked: 39, sealsChecked: 9, unsealedEvents: 3 });
    expect(await w.lanes(3)).toEqual(one);
    expect(await w.lanes(2)).toEqual(one);
  });

  it('names a tampered event in lane 2 of 3 as the single-lane verifier names it', async () => {
    w = await world(INTERLEAVED, 4);
    const target = (await w.positions())[16]; // seal 5 of 9: lane 2 holds seals 4–6
    await w.tamper(`UPDATE ecvet_events SET data = '{"i":1,"n":2}' WHERE position = $1`, [
      target.position,
    ]);
    const report = await w.lanes(3);
    expect(report.problem).toMatchObject({
      kind: 'event-hash-mismatch',
      stream: target.stream_id,
      version: target.version,
      position: target.position,
    });
    expect(report).toEqual(await w.oneLane());
    expect(report.eventsChecked).toBe(16);
  });

  it('catches a broken link across a lane boundary (the event itself hashes right)', async () => {
    w = await world(INTERLEAVED, 4);
    const events = await w.positions();
    // The first event of lane 2 (after seal 3, event 12) whose stream already had events in lane 1.
    const crossing = events.slice(12).find((e) => e.version > 1)!;
    await w.relink(crossing.position);
    const report = await w.lanes(3);
    expect(report.problem).toMatchObject({
      kind: 'chain-broken',
      stream: crossing.stream_id,
      version: crossing.version,
    });
    expect(report).toEqual(await w.oneLane());
  });

  it('catches events deleted at the end of a lane, as the single-lane verifier does', async () => {
    w = await world(INTERLEAVED, 4);
    const events = await w.positions();
    await w.tamper('DELETE FROM ecvet_events WHERE position = $1', [events[11].position]);
    const report = await w.lanes(3);
    expect(report.problem).toMatchObject({ kind: 'seal-mismatch', seal: 3 });
    expect(report).toEqual(await w.oneLane());
  });

  it('agrees with the single-lane verifier on random small logs with a random tamper', async () => {
    const tampers = ['none', 'alter', 'relink', 'delete', 'seal'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 3 })), {
          minLength: 4,
          maxLength: 14,
        }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 2 })), {
          maxLength: 2,
        }),
        fc.constantFrom(...tampers),
        fc.nat(),
        fc.integer({ min: 2, max: 4 }),
        async (appends, perSeal, unsealed, tamper, pick, lanes) => {
          const x = await world(appends, perSeal, unsealed);
          try {
            const events = await x.positions();
            const target = events[pick % events.length];
            if (tamper === 'alter')
              await x.tamper(`UPDATE ecvet_events SET data = '{"x":1}' WHERE position = $1`, [
                target.position,
              ]);
            if (tamper === 'relink') await x.relink(target.position);
            if (tamper === 'delete')
              await x.tamper('DELETE FROM ecvet_events WHERE position = $1', [target.position]);
            if (tamper === 'seal')
              await x.tamper(
                `UPDATE ecvet_event_seals SET merkle_root = $1
                 WHERE seq = (SELECT max(seq) - $2 % max(seq) FROM ecvet_event_seals)`,
                [randomBytes(32), pick],
              );
            const one = await x.oneLane();
            // (A deleted last event of a stream after the last seal goes unnoticed: see README.)
            if (tamper !== 'delete') expect(one.ok).toBe(tamper === 'none');
            expect(await x.lanes(lanes)).toEqual(one);
          } finally {
            await x.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
