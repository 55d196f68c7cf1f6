import { Prng } from '../lib/prng';

/**
 * The event-store workload: 1 KiB JSON events over 10,000 streams, a few of them hot, generated
 * from a fixed seed. Every system under test draws from its own `Workload` built with the same
 * seed, so they see the same streams and events in the same order.
 */

export const STREAM_COUNT = 10_000;
/** Streams 0..HOT_STREAMS-1 are hot: together they take HOT_SHARE of all appends. */
export const HOT_STREAMS = 5;
export const HOT_SHARE = 0.1;
/** JSON.stringify(data).length of every event, in bytes (the payload is ASCII). */
export const DATA_BYTES = 1024;
export const EVENT_TYPE = 'SomethingHappened';
export const BASE_SEED = 'ecvet-event-store-bench-v1';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface BenchEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

export interface BenchBatch {
  stream: string;
  /** Version of the batch's first event if versions are assigned by the caller (1-based). */
  firstVersion: number;
  events: BenchEvent[];
}

export function streamName(index: number): string {
  return `Bench-${String(index).padStart(5, '0')}`;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789 ';
const TEXT_POOL_CHARS = 1 << 16;
const BODY_POOL = 4096;
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Two hex digits for each byte (Number#toString(16) is slow above 2^31). */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Workload {
  private readonly prng: Prng;
  private readonly text: string;
  private readonly bodies: JsonObject[] = [];
  private readonly versions = new Uint32Array(STREAM_COUNT);
  private sequence = 0;

  /** `seed` names the scenario (and purpose); BASE_SEED is mixed in. */
  constructor(seed: string) {
    this.prng = new Prng(`${BASE_SEED}:${seed}`);
    const chars: string[] = [];
    for (let i = 0; i < TEXT_POOL_CHARS; i++)
      chars.push(ALPHABET[this.prng.below(ALPHABET.length)]);
    this.text = chars.join('');
    const probe = JSON.stringify({
      mobilityId: this.uuid(),
      sequence: 1_000_000_000,
      ...this.body(0),
    }).length;
    if (probe > DATA_BYTES) throw new Error(`event data without notes is ${probe} bytes`);
    for (let i = 0; i < BODY_POOL; i++) this.bodies.push(this.body(DATA_BYTES - probe));
  }

  /** The next append: a stream (hot ones more often) and `size` events for it. */
  nextBatch(size: number): BenchBatch {
    const index =
      this.prng.next() < HOT_SHARE ? this.prng.below(HOT_STREAMS) : this.prng.below(STREAM_COUNT);
    const firstVersion = this.versions[index] + 1;
    this.versions[index] += size;
    const events: BenchEvent[] = [];
    for (let i = 0; i < size; i++) events.push(this.event());
    return { stream: streamName(index), firstVersion, events };
  }

  private event(): BenchEvent {
    const id = this.uuid();
    const commandId = this.uuid();
    this.sequence++;
    return {
      id,
      type: EVENT_TYPE,
      data: {
        mobilityId: this.uuid(),
        sequence: 1_000_000_000 + (this.sequence % 1_000_000_000),
        ...this.bodies[this.prng.below(BODY_POOL)],
      },
      metadata: {
        actor: `user-${this.hex8()}`,
        commandId,
        correlationId: this.uuid(),
        causationId: commandId,
      },
    };
  }

  /** The rest of an event's data: fixed-width fields only (numbers of fixed digit counts, ASCII
   * strings of fixed lengths), so every event's data is exactly DATA_BYTES long once `notes` pads
   * it. Bodies are drawn from a pool so that generating an event costs little next to storing
   * it; ids, the sequence number and the mobility id are fresh for every event. */
  private body(notesLength: number): JsonObject {
    const p = this.prng;
    return {
      learner: {
        ref: `L-${this.hex8()}`,
        givenName: this.str(10),
        familyName: this.str(14),
        birthYear: p.between(1990, 2009),
        country: this.country(),
        email: `${this.str(12).replace(/ /g, '.')}@example.org`,
      },
      placement: {
        organisation: this.str(28),
        city: this.str(12),
        country: this.country(),
        startDay: p.between(20240101, 20271231),
        durationDays: p.between(100, 999),
        hostMentor: { name: this.str(20), phone: `+371${p.between(20000000, 29999999)}` },
      },
      units: [0, 1, 2, 3].map(() => ({
        code: `U-${p.between(1000, 9999)}`,
        credits: p.between(10, 99),
        title: this.str(30),
        score: p.between(100, 999),
        grade: 'ABCDE'[p.below(5)],
      })),
      grant: {
        amountCents: p.between(1_000_000, 9_999_999),
        travelCents: p.between(100_000, 999_999),
        currency: 'EUR',
      },
      notes: this.str(notesLength),
    };
  }

  private str(length: number): string {
    const start = this.prng.below(TEXT_POOL_CHARS - length);
    return this.text.slice(start, start + length);
  }

  private country(): string {
    return UPPER[this.prng.below(26)] + UPPER[this.prng.below(26)];
  }

  private hex8(): string {
    const n = this.prng.uint32();
    return HEX[n >>> 24] + HEX[(n >>> 16) & 0xff] + HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];
  }

  /** A version-4 UUID from the seeded generator. */
  private uuid(): string {
    const a = this.hex8();
    const b = this.hex8();
    const c = this.hex8();
    const d = this.hex8();
    const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}
