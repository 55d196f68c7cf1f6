import { randomUUID } from 'node:crypto';
import { StreamNotFound, type PostgresEventStore } from '@ecvet/event-store';
import { openStoreDatabase, type StoreDatabase } from '../../../test/support/store-database';
import { MOBILITY_ID, seedMobilityStream } from '../../../test/support/long-mobility-stream';
import { GetViewHandler, GetViewQuery } from '../src/queries/get-view.query';
import { StreamFoldCache } from '../src/queries/stream-fold-cache';
import { Visibility } from '../src/queries/visibility';
import { LearnerRecordService } from '../src/learner/learner-record.service';

/**
 * A mobility's state as of any point, answered from folds kept per stream, against PostgreSQL:
 * the same views as folding the whole stream, for versions and instants, after appends, and after
 * the learner's personal data is erased (no kept state may still hold it in clear).
 */
let database: StoreDatabase;
let store: PostgresEventStore;
let kept: GetViewHandler;
let whole: GetViewHandler;
let folds: StreamFoldCache;
let first: Date;
let last: Date;

beforeAll(async () => {
  database = await openStoreDatabase('stream_fold_cache');
  ({ store } = database);
  ({ first, last } = await seedMobilityStream(store, 1_500));
  // Visibility consults the learner-record service only for Learner streams.
  const visibility = new Visibility(Object.create(LearnerRecordService.prototype));
  folds = new StreamFoldCache(store);
  kept = new GetViewHandler(folds, visibility);
  whole = new GetViewHandler(
    new StreamFoldCache(store, { minEvents: Number.MAX_SAFE_INTEGER }),
    visibility,
  );
});
afterAll(() => database.close());

const at = (asOf: { version?: number; recordedAt?: Date }) =>
  new GetViewQuery('Mobility', MOBILITY_ID, asOf);
const learnerName = (view: object) => (view as { learner?: { name?: unknown } }).learner?.name;

describe('as of a point, from kept folds (PostgreSQL)', () => {
  it('answers every version and instant as folding the whole stream does', async () => {
    const span = last.getTime() - first.getTime();
    const points = [
      ...[1, 7, 255, 256, 257, 700, 1_024, 1_499, 1_500, 9_999].map((version) => ({ version })),
      ...[0, 0.1, 0.33, 0.5, 0.9, 1].map((f) => ({
        recordedAt: new Date(first.getTime() + Math.round(span * f)),
      })),
      { version: 600, recordedAt: last },
    ];
    for (const asOf of points) {
      const expected = await whole.execute(at(asOf));
      expect(await kept.execute(at(asOf))).toEqual(expected);
    }
    expect(folds.size).toBe(1);
    await expect(
      kept.execute(at({ recordedAt: new Date(first.getTime() - 60_000) })),
    ).rejects.toBeInstanceOf(StreamNotFound);
  });

  it('folds on what is appended after a stream was kept', async () => {
    const before = await kept.execute(at({}));
    const [event] = await store.readStream(`Mobility-${MOBILITY_ID}`, {
      direction: 'backwards',
      maxCount: 1,
    });
    await store.append(
      `Mobility-${MOBILITY_ID}`,
      [{ id: randomUUID(), type: event.type, data: event.data, metadata: event.metadata }],
      { expected: before.version },
    );
    const after = await kept.execute(at({}));
    expect(after.version).toBe(before.version + 1);
    expect(after).toEqual(await whole.execute(at({})));
  });

  it('keeps no personal data in clear once the learner is erased', async () => {
    const asOf = { version: 700 };
    const shown = await kept.execute(at(asOf));
    expect(typeof learnerName(shown.view)).toBe('string');
    const [planned] = await store.readStream(`Mobility-${MOBILITY_ID}`, { maxCount: 1 });
    expect(planned.personal).toBeDefined();
    await store.forgetSubject(planned.personal!.subject);
    const erased = await kept.execute(at(asOf));
    expect(learnerName(erased.view)).not.toEqual(learnerName(shown.view));
    expect(erased).toEqual(await whole.execute(at(asOf)));
  });
});
