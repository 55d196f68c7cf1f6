import fc from 'fast-check';
import { OrderedDeliveries } from './ordered-deliveries';

const checkpoint = (i: number) => String(i).padStart(8, '0');
const tick = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const record = (list: string[], item: string) => () => {
  list.push(item);
  return Promise.resolve();
};

describe('OrderedDeliveries', () => {
  it('delivers each key in order, keys at once, and the watermark passes only what is delivered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 60,
        }),
        async (events) => {
          const delivered: Array<{ key: number; i: number }> = [];
          const watermarks: string[] = [];
          const deliveries = new OrderedDeliveries({
            concurrency: 4,
            window: 16,
            onAdvance: (c) => watermarks.push(c),
          });
          for (const [i, [key, delay]] of events.entries())
            await deliveries.add(String(key), checkpoint(i), async () => {
              await tick(delay);
              delivered.push({ key, i });
            });
          await deliveries.drain();
          // Every event once; per key in log order.
          expect(delivered.map((d) => d.i).sort((a, b) => a - b)).toEqual(events.map((_, i) => i));
          for (const key of new Set(events.map(([k]) => k))) {
            const order = delivered.filter((d) => d.key === key).map((d) => d.i);
            expect(order).toEqual([...order].sort((a, b) => a - b));
          }
          // The watermark moves forward and ends at the last event.
          expect(watermarks).toEqual([...watermarks].sort());
          expect(watermarks.at(-1)).toBe(checkpoint(events.length - 1));
          expect(deliveries.peakConcurrency).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('runs deliveries of different keys at once, up to its concurrency', async () => {
    const deliveries = new OrderedDeliveries({ concurrency: 3, window: 100, onAdvance: () => {} });
    for (let i = 0; i < 10; i++)
      await deliveries.add(`k${i}`, checkpoint(i), () => tick(20).then(() => undefined));
    await deliveries.drain();
    expect(deliveries.peakConcurrency).toBe(3);
  });

  it('admits no more than its window beyond the watermark', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const deliveries = new OrderedDeliveries({ concurrency: 8, window: 3, onAdvance: () => {} });
    await deliveries.add('a', checkpoint(0), () => blocked);
    await deliveries.add('b', checkpoint(1), () => Promise.resolve());
    await deliveries.add('c', checkpoint(2), () => Promise.resolve());
    let admitted = false;
    const fourth = deliveries
      .add('d', checkpoint(3), () => Promise.resolve())
      .then(() => {
        admitted = true;
      });
    await tick(10);
    // b and c are delivered, but the watermark waits for a.
    expect(admitted).toBe(false);
    release();
    await fourth;
    expect(admitted).toBe(true);
    await deliveries.drain();
  });

  it('after a failure starts nothing more, stops the watermark before it, and says so', async () => {
    const watermarks: string[] = [];
    const delivered: string[] = [];
    const deliveries = new OrderedDeliveries({
      concurrency: 2,
      window: 100,
      onAdvance: (c) => watermarks.push(c),
    });
    await deliveries.add('a', checkpoint(0), record(delivered, 'a0'));
    await deliveries.add('a', checkpoint(1), () => Promise.reject(new Error('Temporal is away')));
    await deliveries.add('a', checkpoint(2), record(delivered, 'a2'));
    await deliveries.add('b', checkpoint(3), async () => {
      await tick(20);
      delivered.push('b3');
    });
    await tick(5);
    await expect(deliveries.add('c', checkpoint(4), record(delivered, 'c4'))).rejects.toThrow(
      'Temporal is away',
    );
    await deliveries.drain();
    // a2 never overtakes the failed a1; b3 was in flight and completes.
    expect(delivered).toEqual(['a0', 'b3']);
    expect(watermarks).toEqual([checkpoint(0)]);
    expect(deliveries.failed?.message).toBe('Temporal is away');
  });
});
