import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { CheckpointedConsumer, LEASE_KEYS } from '@ecvet/consumers';
import { InjectPool } from '@ecvet/database';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@ecvet/event-store';
import { categoryOf } from '../streams';
import { writeReadModelDocument } from './read-model-documents';
import { foldView, VIEW_DEFINITIONS, type ViewDefinition } from './view-definitions';

export const READ_MODEL_PROJECTION = 'read-models';
const CACHE_LIMIT = 2_000;

/**
 * Keeps `ecvet_read_models` up to date from the global log, each document written with the
 * checkpoint (exactly-once). A stream's state is folded from a cached state when the previous
 * version is cached, else by reading the stream up to the event.
 */
@Injectable()
export class ReadModelProjection extends CheckpointedConsumer {
  private readonly cache = new Map<string, { version: number; state: unknown }>();

  constructor(@InjectPool() pool: Pool, @Inject(EVENT_STORE) store: EventStore) {
    super(READ_MODEL_PROJECTION, LEASE_KEYS.readModelProjection, pool, store);
  }

  protected override enabled(): boolean {
    return process.env.READ_MODEL_PROJECTION !== 'off';
  }

  protected override resume(): void {
    this.cache.clear();
  }

  protected async handle(event: RecordedEvent, client: PoolClient): Promise<void> {
    // A learner erased: the cached states may hold their personal fields as read before their key
    // was destroyed (LearnerRecordService.erase destroys it before recording the event, and
    // recomputes the documents that held them). From here on every state is read afresh.
    if (event.type === 'LearnerErased') this.cache.clear();
    const { category, id } = categoryOf(event.stream);
    const definition = VIEW_DEFINITIONS[category];
    if (!definition) return;
    const state = await this.stateAt(event, definition);
    const doc = definition.view(state, event.version);
    if (!doc) return;
    await writeReadModelDocument(client, definition.kind, id, event.version, doc, {
      recordedAt: event.recordedAt,
    });
  }

  private async stateAt(event: RecordedEvent, definition: ViewDefinition): Promise<unknown> {
    const cached = this.cache.get(event.stream);
    let state: unknown;
    if (cached && cached.version === event.version - 1) {
      state = definition.evolve(cached.state, event);
    } else {
      const history = await this.store.readStream(event.stream, { toVersion: event.version });
      state = foldView(definition, history);
    }
    this.cache.delete(event.stream);
    this.cache.set(event.stream, { version: event.version, state });
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return state;
  }
}
