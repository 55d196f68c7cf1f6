import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { canonicalEventEncoding, canonicalJson, eventHash, GENESIS_HASH } from './event-hash';
import type { JsonObject } from '../port/event-store.port';

const json = fc.jsonValue() as fc.Arbitrary<JsonObject>;
const object = fc.dictionary(fc.string(), json) as fc.Arbitrary<JsonObject>;

describe('the canonical event encoding', () => {
  it('equals RFC 8785 canonicalize() of the whole event object, for any content', () => {
    fc.assert(
      fc.property(
        fc.record({
          stream: fc.string({ minLength: 1 }),
          version: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          id: fc.uuid(),
          type: fc.string({ minLength: 1 }),
          data: object,
          metadata: object,
          recordedAt: fc
            .date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
            .map((d) => d.toISOString()),
          prevHash: fc.constantFrom(GENESIS_HASH, 'ab'.repeat(32)),
        }),
        (e) => {
          const assembled = canonicalEventEncoding({
            ...e,
            dataJson: canonicalJson(e.data),
            metadataJson: canonicalJson(e.metadata),
          });
          expect(assembled).toBe(canonicalize(e));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changes the hash when any single field changes', () => {
    const base = {
      stream: 'Mobility-1',
      version: 1,
      id: '00000000-0000-4000-8000-000000000001',
      type: 'MobilityPlanned',
      dataJson: canonicalJson({ learner: 'Annija' }),
      metadataJson: canonicalJson({ actor: 'user:1' }),
      recordedAt: '2026-11-22T10:00:00.000Z',
      prevHash: GENESIS_HASH,
    };
    const h = eventHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    for (const [field, value] of Object.entries({
      stream: 'Mobility-2',
      version: 2,
      id: '00000000-0000-4000-8000-000000000002',
      type: 'MobilityPlanned2',
      dataJson: canonicalJson({ learner: 'Annija ' }),
      metadataJson: canonicalJson({ actor: 'user:2' }),
      recordedAt: '2026-11-22T10:00:00.001Z',
      prevHash: 'ab'.repeat(32),
    })) {
      expect(eventHash({ ...base, [field]: value })).not.toBe(h);
    }
  });

  it('does not depend on key order in data', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: [1, 2] }, b: 1 }),
    );
  });
});
