import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { InjectPool } from '@ecvet/database';
import {
  EVENT_STORE,
  START,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@ecvet/event-store';
import { categoryOf } from '../streams';
import { VIEW_DEFINITIONS } from './view-definitions';

export const READ_MODEL_PROJECTION = 'read-models';
// pg_try_advisory_lock key: one projection runner per database, whatever the number of APIs.
const LEASE_KEY = 7_311_001;
const CACHE_LIMIT = 2_000;

/**
 * Keeps `ecvet_read_models` up to date from the global log. Each event's document and the
 * checkpoint are written in one transaction (exactly-once per projection). A stream's state is
 * folded from its events: from a cached state when the previous version is cached, else by reading
 * the stream up to the event. Runs in one process at a time, under an advisory-lock lease.
 */
@Injectable()
export class ReadModelProjection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModelProjection');
  private subscription?: Subscription;
  private lease?: PoolClient;
  private running?: Promise<void>;
  private stopped = false;
  private readonly cache = new Map<string, { version: number; state: unknown }>();
  private position = START;
  private readonly waiters: Array<{ checkpoint: string; resolve: () => void }> = [];

  constructor(
    @InjectPool() private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.READ_MODEL_PROJECTION === 'off') return;
    this.running = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.subscription?.close().catch(() => undefined);
    // A subscription stuck on a vanished database must not hold the shutdown.
    await Promise.race([this.running, new Promise((r) => setTimeout(r, 5_000).unref())]);
    this.dropLease();
  }

  /** Resolves once the projection has handled everything up to `checkpoint` (tests, read-your-writes). */
  async caughtUpTo(checkpoint: string): Promise<void> {
    if (checkpoint <= this.position) return;
    await new Promise<void>((resolve) => this.waiters.push({ checkpoint, resolve }));
  }

  /** Runs until shutdown; a lost connection or lease restarts it from the stored checkpoint. */
  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runOnce();
      } catch (err) {
        if (!this.stopped)
          this.logger.warn(`restarting after: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        this.dropLease();
      }
      if (!this.stopped) await this.pause(2_000);
    }
  }

  private async runOnce(): Promise<void> {
    while (!this.stopped && !(await this.acquireLease())) await this.pause(5_000);
    if (this.stopped) return;
    const { rows } = await this.pool.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM ecvet_projection_checkpoints WHERE name = $1',
      [READ_MODEL_PROJECTION],
    );
    this.position = rows[0]?.checkpoint ?? START;
    this.cache.clear();
    this.subscription = this.store.subscribeToAll({
      fromCheckpoint: this.position,
      batchSize: 500,
    });
    for await (const event of this.subscription) {
      await this.apply(event);
      this.position = event.checkpoint;
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i].checkpoint <= this.position) this.waiters.splice(i, 1)[0].resolve();
      }
    }
  }

  private wake?: () => void;
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async acquireLease(): Promise<boolean> {
    const client = await this.pool.connect();
    // A checked-out client's errors (the server going away) are ours to handle: restart.
    client.on('error', (err) => {
      this.logger.warn(`lease connection lost: ${err.message}`);
      void this.subscription?.close().catch(() => undefined);
    });
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [LEASE_KEY],
    );
    if (rows[0].locked) {
      this.lease = client;
      return true;
    }
    client.release();
    return false;
  }

  private dropLease(): void {
    // Destroy rather than return to the pool: the session-level advisory lock ends with it.
    this.lease?.release(true);
    this.lease = undefined;
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const { category, id } = categoryOf(event.stream);
    const definition = VIEW_DEFINITIONS[category];
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (definition) {
        const state = await this.stateAt(event, definition);
        const doc = definition.view(state, event.version);
        if (doc) {
          await client.query(
            `INSERT INTO ecvet_read_models (kind, id, version, doc, updated_at)
             VALUES ($1, $2, $3, $4, now())
             ON CONFLICT (kind, id) DO UPDATE
               SET version = EXCLUDED.version, doc = EXCLUDED.doc, updated_at = now()
             WHERE ecvet_read_models.version < EXCLUDED.version`,
            [definition.kind, id, event.version, JSON.stringify(doc)],
          );
        }
      }
      await client.query(
        `INSERT INTO ecvet_projection_checkpoints (name, checkpoint, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
        [READ_MODEL_PROJECTION, event.checkpoint],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async stateAt(
    event: RecordedEvent,
    definition: (typeof VIEW_DEFINITIONS)[string],
  ): Promise<unknown> {
    const cached = this.cache.get(event.stream);
    let state: unknown;
    if (cached && cached.version === event.version - 1) {
      state = definition.decider.evolve(cached.state, toDomain(event));
    } else {
      const history = await this.store.readStream(event.stream, { toVersion: event.version });
      state = history.reduce(
        (s, e) => definition.decider.evolve(s as never, toDomain(e)),
        definition.decider.initialState,
      );
    }
    this.cache.delete(event.stream);
    this.cache.set(event.stream, { version: event.version, state });
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return state;
  }
}

const toDomain = (e: RecordedEvent) => ({ type: e.type, data: e.data }) as never;
