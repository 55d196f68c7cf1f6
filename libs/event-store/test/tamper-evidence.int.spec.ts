import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  createPostgresEventStore,
  generateSealSigner,
  migrateEventStore,
  PostgresSealer,
  PostgresSubjectKeyStore,
  type SealSigner,
} from '../src';
import { createTestDatabase } from '../../../test/support/test-database';
import { event } from './event-store.contract';

/** A fresh database per case: tampering leaves it broken on purpose. */
async function world() {
  const db = await createTestDatabase('tamper');
  await migrateEventStore(db.url);
  const pool = new Pool({ connectionString: db.url });
  // An idle client cut off by the server must not crash the run; queries report it.
  pool.on('error', () => undefined);
  const store = createPostgresEventStore({
    pool,
    keyStore: new PostgresSubjectKeyStore(pool, randomBytes(32)),
  });
  const signer = generateSealSigner();
  const sealer = new PostgresSealer(pool, signer, 4);
  const streams = ['Mobility', 'Mobility', 'Partnership'].map((c) => `${c}-${randomUUID()}`);
  for (const stream of streams) {
    await store.append(stream, [event('A'), event('B'), event('C')], { expected: 'no-stream' });
  }
  await store.append(streams[0], [event('D', { learner: { name: 'Juris' } })], { expected: 3 });
  const trustedKeys = new Map([[signer.keyId, signer.publicKey]]);
  /** Runs SQL as the superuser with the append-only triggers bypassed, as an attacker with
   * database access would. */
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
  const close = async () => {
    await store.dispose();
    await pool.end();
    await db.drop();
  };
  return { db, pool, store, signer, sealer, streams, trustedKeys, tamper, close };
}

type World = Awaited<ReturnType<typeof world>>;

describe('tamper evidence: verify() names the first bad event, seal or missing range', () => {
  let w: World;
  afterEach(() => w?.close());

  it('passes an untouched, sealed log, checking every event and seal', async () => {
    w = await world();
    const seals = await w.sealer.sealPending();
    expect(seals.map((s) => s.eventCount)).toEqual([4, 4, 2]); // 10 events, at most 4 per seal
    const report = await w.store.verify({ trustedKeys: w.trustedKeys });
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: 10,
      streamsChecked: 3,
      sealsChecked: 3,
      unsealedEvents: 0,
    });
    expect(await w.sealer.sealPending()).toEqual([]);
  });

  it('seals and verifies in log order when transaction ids cross a power of ten', async () => {
    w = await world();
    // Burn transaction ids up to just below the next power of ten, then write across it: text
    // ordering would put '10000' before '9999'.
    const { rows } = await w.pool.query<{ xid: string }>(
      'SELECT pg_current_xact_id()::text AS xid',
    );
    const next = 10 ** rows[0].xid.length;
    // One simple-query message may hold many transactions: a thousand ids per round trip.
    for (let left = next - 5 - Number(rows[0].xid); left > 0; left -= 1000) {
      await w.pool.query(
        'BEGIN; SELECT pg_current_xact_id(); COMMIT;'.repeat(Math.min(left, 1000)),
      );
    }
    const stream = `Mobility-${randomUUID()}`;
    for (let v = 0; v < 12; v++) await w.store.append(stream, [event()], { expected: v });
    await w.sealer.sealPending();
    expect(await w.store.verify({ trustedKeys: w.trustedKeys })).toMatchObject({
      ok: true,
      eventsChecked: 22,
    });
  });

  it('hashing in the database agrees with the independent check, escapes and all', async () => {
    w = await world();
    const stream = `Learner-${randomUUID()}`;
    const tricky = 'Kalniņa "Ā" \\ back\nslash\t\u0001 \u2028 😀 </script>';
    await w.store.append(stream, [event('Noted', { text: tricky, [tricky]: tricky })], {
      expected: 'no-stream',
    });
    await w.sealer.sealPending();
    for (const hashing of ['node', 'database'] as const) {
      expect(await w.store.verify({ trustedKeys: w.trustedKeys, hashing })).toMatchObject({
        ok: true,
        eventsChecked: 11,
      });
    }
    await w.tamper(
      `UPDATE ecvet_events SET data = replace(data::text, 'back', 'bach')::json WHERE stream_id = $1`,
      [stream],
    );
    for (const hashing of ['node', 'database'] as const) {
      expect((await w.store.verify({ hashing })).problem).toMatchObject({
        kind: 'event-hash-mismatch',
        stream,
        version: 1,
      });
    }
  });

  it('detects a flipped byte in an event and names it', async () => {
    w = await world();
    await w.sealer.sealPending();
    await w.tamper(
      `UPDATE ecvet_events SET data = replace(data::text, 'Juris', 'Jurys')::json WHERE stream_id = $1 AND version = 4`,
      [w.streams[0]],
    );
    const report = await w.store.verify({ trustedKeys: w.trustedKeys });
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({
      kind: 'event-hash-mismatch',
      stream: w.streams[0],
      version: 4,
    });
    expect(report.problem?.position).toMatch(/^\d+$/);
  });

  it('detects a deleted row inside a stream and names the missing versions', async () => {
    w = await world();
    await w.tamper('DELETE FROM ecvet_events WHERE stream_id = $1 AND version = 2', [w.streams[1]]);
    const report = await w.store.verify();
    expect(report.problem).toMatchObject({
      kind: 'missing-events',
      stream: w.streams[1],
      version: 3,
      range: { fromVersion: 2, toVersion: 2 },
    });
  });

  it('detects a deleted whole stream through the seals and names the range', async () => {
    w = await world();
    await w.sealer.sealPending();
    await w.tamper('DELETE FROM ecvet_events WHERE stream_id = $1', [w.streams[2]]);
    const report = await w.store.verify({ trustedKeys: w.trustedKeys });
    expect(report.ok).toBe(false);
    expect(report.problem?.kind).toBe('seal-mismatch');
    expect(report.problem?.range?.sealedCount).toBeGreaterThan(
      report.problem?.range?.foundCount ?? 0,
    );
    expect(report.problem?.message).toMatch(/were removed/);
  });

  it('detects the removed last event of a stream through the seals', async () => {
    w = await world();
    await w.sealer.sealPending();
    await w.tamper('DELETE FROM ecvet_events WHERE stream_id = $1 AND version = 4', [w.streams[0]]);
    const report = await w.store.verify({ trustedKeys: w.trustedKeys });
    expect(report.problem?.kind).toBe('seal-mismatch');
  });

  it('detects two swapped events within a stream', async () => {
    w = await world();
    const stream = w.streams[0];
    // The unique (stream, version) key is checked row by row, so an attacker goes through a
    // temporary version, as here.
    await w.tamper(
      `UPDATE ecvet_events SET version = 1000 WHERE stream_id = '${stream}' AND version = 2;
       UPDATE ecvet_events SET version = 2 WHERE stream_id = '${stream}' AND version = 3;
       UPDATE ecvet_events SET version = 3 WHERE stream_id = '${stream}' AND version = 1000;`,
    );
    const report = await w.store.verify();
    expect(report.ok).toBe(false);
    expect(report.problem?.stream).toBe(stream);
    expect(report.problem?.kind).toMatch(/missing-events|event-hash-mismatch|chain-broken/);
  });

  it('detects two events of different streams swapped in the global order, through the seals', async () => {
    w = await world();
    await w.sealer.sealPending();
    const { rows } = await w.pool.query<{ position: string; tx_id: string }>(
      `SELECT position::text, tx_id::text FROM ecvet_events
       WHERE (stream_id, version) IN (($1, 3), ($2, 4)) ORDER BY position`,
      // Stream 1's last event and stream 0's last event (appended last of all): after the swap
      // both still come after their streams' earlier events.
      [w.streams[1], w.streams[0]],
    );
    const [a, b] = rows;
    // Each event keeps its own content and hash (so each stream's chain stays intact) but takes
    // the other's place, (transaction, position), in the global log.
    await w.tamper(
      `CREATE TEMP TABLE swap AS SELECT * FROM ecvet_events WHERE position IN (${a.position}, ${b.position});
       DELETE FROM ecvet_events WHERE position IN (${a.position}, ${b.position});
       INSERT INTO ecvet_events OVERRIDING SYSTEM VALUE
         SELECT CASE position WHEN ${a.position} THEN ${b.position} ELSE ${a.position} END,
                CASE position WHEN ${a.position} THEN '${b.tx_id}'::xid8 ELSE '${a.tx_id}'::xid8 END,
                stream_id, version, event_id, event_type, data, metadata, recorded_at, prev_hash, hash
         FROM swap;`,
    );
    const plain = await w.store.verify(); // stream chains alone cannot see it ...
    expect(plain.problem?.kind).toBe('seal-mismatch'); // ... the seals do
    expect(plain.problem?.message).toMatch(/replaced or reordered/);
  });

  it('detects an altered seal, a removed seal and a seal signed with an untrusted key', async () => {
    w = await world();
    await w.sealer.sealPending();
    await w.tamper('UPDATE ecvet_event_seals SET event_count = event_count WHERE seq = 1');
    await w.tamper(
      `UPDATE ecvet_event_seals SET merkle_root = decode(repeat('ab', 32), 'hex') WHERE seq = 2`,
    );
    expect((await w.store.verify({ trustedKeys: w.trustedKeys })).problem).toMatchObject({
      kind: 'seal-hash-mismatch',
      seal: 2,
    });
    await w.tamper('DELETE FROM ecvet_event_seals WHERE seq >= 2');
    await w.tamper('DELETE FROM ecvet_event_seals WHERE seq = 1');
    const other: SealSigner = generateSealSigner();
    await new PostgresSealer(w.pool, other, 100).sealPending();
    expect((await w.store.verify({ trustedKeys: w.trustedKeys })).problem).toMatchObject({
      kind: 'seal-key-untrusted',
      seal: 1,
    });
  });

  it('still verifies after a subject was forgotten: hashes cover the ciphertext', async () => {
    w = await world();
    const stream = `Learner-${randomUUID()}`;
    await w.store.append(
      stream,
      [
        {
          ...event('LearnerRegistered', { learner: { name: 'Ingus' } }),
          personal: { subject: 'learner-ingus', fields: ['learner.name'] },
        },
      ],
      { expected: 'no-stream' },
    );
    await w.sealer.sealPending();
    const { rows } = await w.pool.query<{ data: string }>(
      'SELECT data::text AS data FROM ecvet_events WHERE stream_id = $1',
      [stream],
    );
    expect(rows[0].data).not.toContain('Ingus'); // encrypted at rest
    expect(rows[0].data).toContain('"$pii"');
    await w.store.forgetSubject('learner-ingus');
    expect(await w.store.verify({ trustedKeys: w.trustedKeys })).toMatchObject({
      ok: true,
      eventsChecked: 11,
    });
    const [read] = await w.store.readStream(stream);
    expect(read.data.learner).toEqual({ name: { $erased: true } });
  });
});
