/**
 * Recorded events back into typed domain events: one codec per aggregate, the only place where
 * stored JSON becomes a typed event. Each event type has a schema version (1 unless an upcaster
 * says otherwise); an event recorded with an older version is brought up to the current shape by
 * the upcasters of the versions in between, oldest first, so deciders and views only ever see
 * the current shape. Pure: no I/O.
 */

/** An event as the store returns it: its type, its data and the schema version it was written in. */
export interface StoredEvent {
  type: string;
  data: object;
  /** Absent on events written before schema versions were recorded: version 1. */
  schemaVersion?: number;
}

/** Turns data of schema version `n` into version `n + 1`. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface EventCodec<Event extends { type: string; data: object }> {
  /** The aggregate's name (for messages). */
  readonly aggregate: string;
  /** Every event type of the aggregate. */
  readonly types: ReadonlySet<Event['type']>;
  /** The schema version new events of this type are written in. */
  schemaVersion(type: Event['type']): number;
  /** Whether a recorded event belongs to this aggregate's vocabulary. */
  knows(type: string): type is Event['type'];
  /** The typed event, upcast to the current schema version; throws on an unknown type. */
  decode(stored: StoredEvent): Event;
}

/** An event type this aggregate does not know, or a schema version newer than the code. */
export class UndecodableEvent extends Error {
  constructor(aggregate: string, type: string, reason: string) {
    super(`cannot decode ${aggregate} event ${type}: ${reason}`);
    this.name = 'UndecodableEvent';
  }
}

/**
 * A codec from the list of the aggregate's event types (checked against its event union by the
 * caller's `satisfies`) and, per type, the upcasters from each old schema version: `upcasters.T[n]`
 * turns version `n` into `n + 1`, and the current version is one past the last upcaster.
 */
export function eventCodec<Event extends { type: string; data: object }>(
  aggregate: string,
  types: ReadonlyArray<Event['type']>,
  upcasters: Partial<Record<Event['type'], Record<number, Upcaster>>> = {},
): EventCodec<Event> {
  const known = new Set<Event['type']>(types);
  const current = new Map<string, number>();
  const table: Partial<Record<string, Record<number, Upcaster>>> = upcasters;
  for (const [type, steps = {}] of Object.entries(table)) {
    const versions = Object.keys(steps).map(Number); // integer keys: ascending
    // A gap would leave some recorded version with no way up: a mistake in the codec, not data.
    if (!known.has(type) || versions.some((v, i) => v !== i + 1))
      throw new Error(`${aggregate} codec: upcasters of ${type} must be for versions 1..n`);
    current.set(type, versions.length + 1);
  }
  const versionOf = (type: Event['type']) => current.get(type) ?? 1;
  return {
    aggregate,
    types: known,
    schemaVersion: versionOf,
    knows: (type: string): type is Event['type'] => known.has(type),
    decode(stored) {
      if (!known.has(stored.type))
        throw new UndecodableEvent(aggregate, stored.type, 'unknown event type');
      const type = stored.type as Event['type'];
      const latest = versionOf(type);
      let version = stored.schemaVersion ?? 1;
      if (!Number.isInteger(version) || version < 1)
        throw new UndecodableEvent(aggregate, type, `schema version ${version} is not a version`);
      if (version > latest)
        throw new UndecodableEvent(aggregate, type, `schema version ${version} > ${latest}`);
      let data = stored.data as Record<string, unknown>;
      for (; version < latest; version++) data = upcasters[type]![version](data);
      // The single narrowing from stored JSON to the typed event: the type is one of this
      // aggregate's and the data is in the type's current shape.
      return { type, data } as unknown as Event;
    },
  };
}
