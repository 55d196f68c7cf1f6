import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  createPostgresEventStore,
  migrateEventStore,
  PostgresSubjectKeyStore,
  WrongExpectedVersion,
  type PostgresEventStore,
} from '@ecvet/event-store';
import {
  DomainError,
  institutionDecider,
  InstitutionRules,
  type CommandContext,
  type InstitutionEvent,
} from '@ecvet/domain';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { CommandHandler, eventIdFor } from '../src';

let db: TestDatabase;
let pool: Pool;
let store: PostgresEventStore;
let handler: CommandHandler;

beforeAll(async () => {
  db = await createTestDatabase('command_handler');
  await migrateEventStore(db.url);
  pool = new Pool({ connectionString: db.url });
  // An idle client cut off by the server must not crash the run; queries report it.
  pool.on('error', () => undefined);
  store = createPostgresEventStore({
    pool,
    keyStore: new PostgresSubjectKeyStore(pool, randomBytes(32)),
  });
  handler = new CommandHandler(store);
});
afterAll(async () => {
  await store.dispose();
  await pool.end();
  await db.drop();
});

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
const contactIsPersonal = (event: InstitutionEvent) =>
  event.type === 'ContactPersonAdded'
    ? { subject: `contact-${event.data.contact.id}`, fields: ['contact.name', 'contact.email'] }
    : undefined;

describe('CommandHandler: load, decide, append with audit metadata', () => {
  it('records the decision with the actor, command, correlation and causation ids', async () => {
    const id = randomUUID();
    const ctx = context();
    const result = await handler.handle(
      institutionDecider,
      `Institution-${id}`,
      { type: 'RegisterInstitution', data: { institutionId: id, ...school }, at: ctx.issuedAt },
      ctx,
    );
    expect(result).toMatchObject({ version: 1, written: true });
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
    const command = {
      type: 'RegisterInstitution' as const,
      data: { institutionId: id, ...school },
      at: ctx.issuedAt,
    };
    const first = await handler.handle(institutionDecider, `Institution-${id}`, command, ctx);
    const again = await handler.handle(institutionDecider, `Institution-${id}`, command, ctx, {
      expectedVersion: 0,
    });
    expect(again).toEqual({ ...first, written: false });
    expect(await store.streamVersion(`Institution-${id}`)).toBe(1);
  });

  it('a stale expected version is a conflict and changes nothing', async () => {
    const id = randomUUID();
    await handler.handle(
      institutionDecider,
      `Institution-${id}`,
      { type: 'RegisterInstitution', data: { institutionId: id, ...school }, at: 'x' },
      context(),
    );
    const change = {
      type: 'ChangeInstitutionDetails' as const,
      data: { institutionId: id, changes: { preferredLanguage: 'en' as const } },
    };
    await expect(
      handler.handle(institutionDecider, `Institution-${id}`, change, context(), {
        expectedVersion: 0,
      }),
    ).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(await store.streamVersion(`Institution-${id}`)).toBe(1);
  });

  it('two concurrent commands on one version: one wins, the other gets WrongExpectedVersion', async () => {
    const id = randomUUID();
    const stream = `Institution-${id}`;
    await handler.handle(
      institutionDecider,
      stream,
      { type: 'RegisterInstitution', data: { institutionId: id, ...school }, at: 'x' },
      context(),
    );
    const add = (n: number) =>
      handler.handle(
        institutionDecider,
        stream,
        {
          type: 'AddContactPerson',
          data: {
            institutionId: id,
            contact: { id: `c${n}`, name: `Contact ${n}`, role: 'mentor', email: `c${n}@x.lv` },
          },
        },
        context(),
        { expectedVersion: 1 },
      );
    const outcomes = await Promise.allSettled([add(1), add(2)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(WrongExpectedVersion);
    expect(await store.streamVersion(stream)).toBe(2);
  });

  it('without an expected version, concurrent commands are each decided again on the new state: none is lost', async () => {
    const id = randomUUID();
    const stream = `Institution-${id}`;
    await handler.handle(
      institutionDecider,
      stream,
      { type: 'RegisterInstitution', data: { institutionId: id, ...school }, at: 'x' },
      context(),
    );
    const add = (n: number) =>
      handler.handle(
        institutionDecider,
        stream,
        {
          type: 'AddContactPerson',
          data: {
            institutionId: id,
            contact: { id: `c${n}`, name: `Contact ${n}`, role: 'mentor', email: `c${n}@x.lv` },
          },
        },
        context(),
      );
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(add));
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    expect(await store.streamVersion(stream)).toBe(5);
  });

  it('a broken rule is a DomainError naming it, and nothing is appended', async () => {
    const id = randomUUID();
    const failure = handler.handle(
      institutionDecider,
      `Institution-${id}`,
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

  it('encrypts the personal fields it is told about', async () => {
    const id = randomUUID();
    const stream = `Institution-${id}`;
    await handler.handle(
      institutionDecider,
      stream,
      { type: 'RegisterInstitution', data: { institutionId: id, ...school }, at: 'x' },
      context(),
    );
    const contact = {
      id: randomUUID(),
      name: 'Ilze Ozola',
      role: 'coordinator',
      email: 'ilze@rvt.lv',
    };
    await handler.handle(
      institutionDecider,
      stream,
      { type: 'AddContactPerson', data: { institutionId: id, contact } },
      context(),
      {
        personal: contactIsPersonal,
      },
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
