import fc from 'fast-check';
import { callCodec } from '../call/call.codec';
import { institutionCodec } from '../institution/institution.codec';
import { learnerRecordCodec } from '../learner/learner-record.codec';
import { mobilityCodec } from '../mobility/mobility.codec';
import { partnershipCodec } from '../partnership/partnership.codec';
import { qualificationCodec } from '../qualification/qualification.codec';
import { eventCodec, UndecodableEvent, type EventCodec, type StoredEvent } from './codec';

/** A toy aggregate: `Renamed` went through two schema changes, `Plain` through none. */
type ToyEvent =
  | { type: 'Plain'; data: { id: string } }
  | { type: 'Renamed'; data: { id: string; fullName: string; trail: string[] } };

const trail = (data: Record<string, unknown>) => (data.trail as string[] | undefined) ?? [];
const toy = eventCodec<ToyEvent>('Toy', ['Plain', 'Renamed'], {
  Renamed: {
    // v1 {id, name} → v2 {id, fullName}
    1: ({ name, ...data }) => ({ ...data, fullName: name, trail: [...trail(data), '1→2'] }),
    // v2 → v3: adds the trail when absent (v3 requires it)
    2: (data) => ({ ...data, trail: [...trail(data), '2→3'] }),
  },
});

const rejection = (codec: EventCodec<{ type: string; data: object }>, stored: StoredEvent) => {
  try {
    codec.decode(stored);
  } catch (err) {
    return err;
  }
  throw new Error('decoded');
};

describe('eventCodec', () => {
  it('decodes a known type into the typed event, its data untouched', () => {
    const data = { id: 'x' };
    const event = toy.decode({ type: 'Plain', data, schemaVersion: 1 });
    expect(event).toEqual({ type: 'Plain', data: { id: 'x' } });
    expect(event.data).toBe(data);
  });

  it('knows its types and nothing else', () => {
    expect([...toy.types]).toEqual(['Plain', 'Renamed']);
    expect(toy.knows('Renamed')).toBe(true);
    expect(toy.knows('Unknown')).toBe(false);
  });

  it('refuses an event type the aggregate does not know', () => {
    const err = rejection(toy, { type: 'MobilityPlanned', data: {} });
    expect(err).toBeInstanceOf(UndecodableEvent);
    expect((err as Error).message).toBe(
      'cannot decode Toy event MobilityPlanned: unknown event type',
    );
  });

  it('refuses a schema version newer than the code', () => {
    const err = rejection(toy, { type: 'Plain', data: { id: 'x' }, schemaVersion: 2 });
    expect(err).toBeInstanceOf(UndecodableEvent);
    expect((err as Error).message).toBe('cannot decode Toy event Plain: schema version 2 > 1');
    expect(rejection(toy, { type: 'Renamed', data: {}, schemaVersion: 4 })).toBeInstanceOf(
      UndecodableEvent,
    );
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses schema version %p', (schemaVersion) =>
    expect(rejection(toy, { type: 'Renamed', data: {}, schemaVersion })).toBeInstanceOf(
      UndecodableEvent,
    ),
  );

  it('records a type in the version one past its last upcaster, 1 without upcasters', () => {
    expect(toy.schemaVersion('Renamed')).toBe(3);
    expect(toy.schemaVersion('Plain')).toBe(1);
  });

  it('applies the upcasters in order, from the recorded version up to the current one', () => {
    expect(
      toy.decode({ type: 'Renamed', data: { id: 'x', name: 'Annija' }, schemaVersion: 1 }),
    ).toEqual({ type: 'Renamed', data: { id: 'x', fullName: 'Annija', trail: ['1→2', '2→3'] } });
    expect(
      toy.decode({ type: 'Renamed', data: { id: 'x', fullName: 'Annija' }, schemaVersion: 2 }),
    ).toEqual({ type: 'Renamed', data: { id: 'x', fullName: 'Annija', trail: ['2→3'] } });
    const current = { id: 'x', fullName: 'Annija', trail: [] };
    expect(toy.decode({ type: 'Renamed', data: current, schemaVersion: 3 }).data).toBe(current);
  });

  it('reads an event without a schema version (recorded before there were any) as version 1', () =>
    expect(toy.decode({ type: 'Renamed', data: { id: 'x', name: 'Annija' } })).toEqual(
      toy.decode({ type: 'Renamed', data: { id: 'x', name: 'Annija' }, schemaVersion: 1 }),
    ));

  it('never changes the recorded data', () => {
    const recorded = { id: 'x', name: 'Annija' };
    toy.decode({ type: 'Renamed', data: recorded, schemaVersion: 1 });
    expect(recorded).toEqual({ id: 'x', name: 'Annija' });
  });

  it('refuses upcasters that leave a version without a way up (a codec mistake)', () =>
    expect(() =>
      eventCodec<ToyEvent>('Toy', ['Plain', 'Renamed'], { Renamed: { 2: (data) => data } }),
    ).toThrow('Toy codec: upcasters of Renamed must be for versions 1..n'));
});

describe('every aggregate codec', () => {
  const codecs: Array<EventCodec<{ type: string; data: object }>> = [
    institutionCodec,
    qualificationCodec,
    partnershipCodec,
    callCodec,
    mobilityCodec,
    learnerRecordCodec,
  ];
  const json = fc.dictionary(fc.string(), fc.jsonValue());

  it.each(codecs.map((codec) => [codec.aggregate, codec] as const))(
    '%s: decoding an event recorded in the current schema is the identity',
    (_, codec) =>
      fc.assert(
        fc.property(fc.constantFrom(...codec.types), json, (type, data) => {
          const event = codec.decode({ type, data, schemaVersion: codec.schemaVersion(type) });
          expect(event).toEqual({ type, data });
          expect(event.data).toBe(data);
        }),
      ),
  );
});
