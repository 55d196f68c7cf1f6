import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  decryptPersonalFields,
  encryptPersonalFields,
  ERASED,
  isEncryptedField,
} from './field-cipher';
import type { JsonObject } from '../port/event-store.port';

const id = '00000000-0000-4000-8000-000000000001';
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('personal fields are encrypted per subject', () => {
  it('round-trips any JSON value at nested paths and leaves other fields alone', () => {
    fc.assert(
      // As JSON can carry them (JSON has no -0, for one): what an event's data can be.
      fc.property(fc.jsonValue().map(asJson), fc.jsonValue().map(asJson), (name, other) => {
        const key = randomBytes(32);
        const data = { learner: { name, contacts: [{ email: 'a@b.lv' }] }, other } as JsonObject;
        const stored = encryptPersonalFields(
          data,
          { subject: 's', fields: ['learner.name', 'learner.contacts.0.email'] },
          key,
          id,
        );
        expect(isEncryptedField((stored.learner as JsonObject).name)).toBe(true);
        expect(stored.other).toEqual(other);
        expect(JSON.stringify(stored)).not.toContain('a@b.lv');
        decryptPersonalFields(stored, ['learner.name', 'learner.contacts.0.email'], key, id);
        expect(stored).toEqual(data);
      }),
    );
  });

  it('reads as erased without the key', () => {
    const stored = encryptPersonalFields(
      { name: 'Juris' },
      { subject: 's', fields: ['name'] },
      randomBytes(32),
      id,
    );
    decryptPersonalFields(stored, ['name'], undefined, id);
    expect(stored).toEqual({ name: ERASED });
  });

  it('refuses ciphertext moved to another event or field (authenticated data)', () => {
    const key = randomBytes(32);
    const stored = encryptPersonalFields(
      { a: 'x', b: 'y' },
      { subject: 's', fields: ['a', 'b'] },
      key,
      id,
    );
    expect(() =>
      decryptPersonalFields(
        structuredClone(stored),
        ['a'],
        key,
        '00000000-0000-4000-8000-000000000002',
      ),
    ).toThrow();
    const moved = { a: stored.b, b: stored.a };
    expect(() => decryptPersonalFields(moved, ['a'], key, id)).toThrow();
  });

  it('skips personal fields that are absent (an optional guardian, say)', () => {
    const stored = encryptPersonalFields(
      { learner: 'Ingus' },
      { subject: 's', fields: ['guardian.name'] },
      randomBytes(32),
      id,
    );
    expect(stored).toEqual({ learner: 'Ingus' });
  });
});
