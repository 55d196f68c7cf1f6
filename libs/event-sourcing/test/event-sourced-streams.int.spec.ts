import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  createPostgresEventStore,
  migrateEventStore,
  PostgresSubjectKeyStore,
  StreamNotFound,
  WrongExpectedVersion,
  type PostgresEventStore,
} from '@ecvet/event-store';
import {
  DomainError,
  institutionCodec,
  institutionDecider,
  InstitutionRules,
  type CommandContext,
  type InstitutionCommand,
  type InstitutionEvent,
  type InstitutionState,
} from '@ecvet/domain';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import {
  eventIdFor,
  EventSourcedStreams,
  IdempotencyKeyReused,
  type Aggregate,
  type WriteOutcome,
} from '../src';

let db: TestDatabase;
let pool: Pool;
let store: PostgresEventStore;
let streams: EventSourcedStreams;

beforeAll(async () => {
  db = await createTestDatabase('event_sourced_streams');
  await migrateEventStore(db.url);
  pool = new Pool({ connectionString: db.url });
  // An idle client cut off by the server must not crash the run; queries report it.
  pool.on('error', () => undefined);
  store = createPostgresEventStore({
    pool,
    keyStore: new PostgresSubjectKeyStore(pool, randomBytes(32)),
  });
  streams = new EventSourcedStreams(store);
});
afterAll(async () => {
  await store.dispose();
  await pool.end();
  await db.drop();
});

/**
 * Institutions as the write path sees them (the application's InstitutionAggregate, kept local so
 * that this library's test depends on the domain only): a contact person's name and e-mail are
 * personal data.
 */
const Institutions: Aggregate<InstitutionCommand, InstitutionEvent, InstitutionState> = {
  category: 'Institution',
  decider: institutionDecider,
  codec: institutionCodec,
  creates: new Set(['RegisterInstitution']),
  personal: (event) =>
    event.type === 'ContactPersonAdded'
      ? { subject: `contact-${event.data.contact.id}`, fields: ['contact.name', 'contact.email'] }
      : undefined,
};

const context = (commandId = randomUUID()): CommandContext => ({
  commandId,
  actor: { id: 'user:ilze', role: 'coordinator', institutionId: 'inst-rvt' },
  issuedAt: '2026-11-22T10:00:00.000Z',
  correlationId: commandId,
  causationId: commandId,
});
const school = {
  kind: 'sending-school' as const,
  legalName: 'Rīgas Valsts tehnikums',
  legalAddress: 'Krišjāņa Valdemāra iela 1C, Rīga',
  country: 'LV',
  identifiers: { erasmusOid: 'E10000001' },
  preferredLanguage: 'lv' as const,
};
const register = (id: string, at = 'x'): InstitutionCommand => ({
  type: 'RegisterInstitution',
  data: { institutionId: id, ...school },
  at,
});
const addContact = (id: string, n: number): InstitutionCommand => ({
  type: 'AddContactPerson',
  data: {
    institutionId: id,
    contact: { id: `c${n}`, name: `Contact ${n}`, role: 'mentor', email: `c${n}@x.lv` },
  },
  at: 'x',
});

describe('EventSourcedStreams.execute: load, decide, append with audit metadata', () => {
  it('records the decision with the actor, command, correlation and causation ids', async () => {
    const id = randomUUID();
    const ctx = context();
    const result = await streams.execute(Institutions, id, register(id, ctx.issuedAt), ctx);
    expect(result).toMatchObject({ stream: `Institution-${id}`, version: 1, written: true });
    const [event] = await store.readStream(`Institution-${id}`);
    expect(event.id).toBe(eventIdFor(ctx.commandId, `Institution-${id}`, 0));
    expect(event.metadata).toMatchObject({
      actor: { id: 'user:ilze', role: 'coordinator' },
      commandId: ctx.commandId,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId,
    });
  });

  it('a retried command (same id) returns the first result and appends nothing', async () => {
    const id = randomUUID();
    const ctx = context();
    const command = register(id, ctx.issuedAt);
    const first = await streams.execute(Institutions, id, command, ctx);
    const again = await streams.execute(Institutions, id, command, ctx, { expectedVersion: 0 });
    expect(again).toEqual({ ...first, written: false });
    expect(await store.streamVersion(`Institution-${id}`)).toBe(1);
  });

  it('a command id that comes back with another request fingerprint is refused', async () => {
    const id = randomUUID();
    const ctx = context();
    await streams.execute(Institutions, id, register(id), ctx, { fingerprint: 'request-a' });
    const again = await streams.execute(Institutions, id, register(id), ctx, {
      fingerprint: 'request-a',
    });
    expect(again).toMatchObject({ version: 1, written: false });
    await expect(
      streams.execute(Institutions, id, register(id), ctx, { fingerprint: 'request-b' }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await store.streamVersion(`Institution-${id}`)).toBe(1);
  });

  it('a command that does not create the aggregate needs its stream: StreamNotFound', async () => {
    const id = randomUUID();
    await expect(
      streams.execute(Institutions, id, addContact(id, 1), context()),
    ).rejects.toBeInstanceOf(StreamNotFound);
    expect(await store.streamVersion(`Institution-${id}`)).toBe(0);
  });

  it('a stale expected version is a conflict and changes nothing', async () => {
    const id = randomUUID();
    await streams.execute(Institutions, id, register(id), context());
    const change: InstitutionCommand = {
      type: 'ChangeInstitutionDetails',
      data: { institutionId: id, changes: { preferredLanguage: 'en' } },
      at: 'x',
    };
    await expect(
      streams.execute(Institutions, id, change, context(), { expectedVersion: 0 }),
    ).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(await store.streamVersion(`Institution-${id}`)).toBe(1);
  });

  it('two concurrent commands on one version: one wins, the other gets WrongExpectedVersion', async () => {
    const id = randomUUID();
    const stream = `Institution-${id}`;
    await streams.execute(Institutions, id, register(id), context());
    const add = (n: number) =>
      streams.execute(Institutions, id, addContact(id, n), context(), { expectedVersion: 1 });
    const outcomes = await Promise.allSettled([add(1), add(2)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(WrongExpectedVersion);
    expect(await store.streamVersion(stream)).toBe(2);
  });

  it('without an expected version, concurrent commands are each decided again on the new state: none is lost', async () => {
    const id = randomUUID();
    const stream = `Institution-${id}`;
    await streams.execute(Institutions, id, register(id), context());
    const add = (n: number): Promise<WriteOutcome<InstitutionEvent>> =>
      streams.execute(Institutions, id, addContact(id, n), context());
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(add));
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    expect(await store.streamVersion(stream)).toBe(5);
  });

  it('a broken rule is a DomainError naming it, and nothing is appended', async () => {
    const id = randomUUID();
    const failure = streams.execute(
      Institutions,
      id,
      {
        type: 'RegisterInstitution',
        data: { institutionId: id, ...school, country: 'Latvia' },
        at: 'x',
      },
      context(),
    );
    await expect(failure).rejects.toBeInstanceOf(DomainError);
    await expect(failure).rejects.toMatchObject({ rule: InstitutionRules.CountryIsIso });
    expect(await store.streamVersion(`Institution-${id}`)).toBe(0);
  });

  it('encrypts the personal fields the aggregate names', async () => {
    const id = randomUUID();
    const stream = `Institution-${id}`;
    await streams.execute(Institutions, id, register(id), context());
    const contact = {
      id: randomUUID(),
      name: 'Ilze Ozola',
      role: 'coordinator',
      email: 'ilze@rvt.lv',
    };
    await streams.execute(
      Institutions,
      id,
      { type: 'AddContactPerson', data: { institutionId: id, contact }, at: 'x' },
      context(),
    );
    const { rows } = await pool.query<{ data: string }>(
      'SELECT data::text AS data FROM ecvet_events WHERE stream_id = $1 AND version = 2',
      [stream],
    );
    expect(rows[0].data).not.toContain('Ilze');
    const events = await store.readStream(stream);
    expect(events[1].data).toMatchObject({
      contact: { name: 'Ilze Ozola', email: 'ilze@rvt.lv', role: 'coordinator' },
    });
  });
});
