import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, StreamNotFound, type EventStore } from '@ecvet/event-store';
import type { Principal } from '@ecvet/identity';
import {
  personalAccess,
  redactFields,
  redactMobilityView,
  type PersonalAccess,
} from './personal-fields';
import { StreamFoldCache } from './stream-fold-cache';
import { Visibility } from './visibility';
import { foldView, VIEW_DEFINITIONS } from '../read-models/view-definitions';

export interface ViewResult {
  version: number;
  view: object;
}

/**
 * One aggregate's view, folded from its stream (strongly consistent, so a write's ETag is
 * immediately readable), optionally as of a version or an instant: an auditor's replay.
 */
export class GetViewQuery extends Query<ViewResult> {
  constructor(
    readonly category: keyof typeof VIEW_DEFINITIONS,
    readonly id: string,
    readonly asOf: { version?: number; recordedAt?: Date } = {},
    /** Who asks: the view answers 404 unless they may read it (internal readers: none). */
    readonly principal?: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetViewQuery)
export class GetViewHandler implements IQueryHandler<GetViewQuery, ViewResult> {
  constructor(
    private readonly folds: StreamFoldCache,
    private readonly visibility: Visibility,
  ) {}

  async execute(query: GetViewQuery): Promise<ViewResult> {
    const definition = VIEW_DEFINITIONS[query.category];
    const stream = `${query.category}-${query.id}`;
    // Visibility is decided on the object as it stands now, not as of the version asked for.
    const { version, state, now } = await this.folds.fold(definition, stream, query.asOf);
    const relations = await this.visibility.ensureVisible(
      query.principal,
      query.category,
      query.id,
      now,
    );
    const view = definition.view(state, version);
    if (!view) throw new StreamNotFound(stream);
    return {
      version,
      view: redactView(query.category, view, personalAccess(query.principal, relations)),
    };
  }
}

export interface HistoryEntry {
  version: number;
  type: string;
  recordedAt: string;
  data: object;
  metadata: object;
  hash: string;
  personalDataErased: boolean;
}

/** A stream's full history with its actors: who did what, when, on whose behalf. */
export class GetHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly category: string,
    readonly id: string,
    /** Who asks: 404 unless they may read the object. */
    readonly principal?: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery, HistoryEntry[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly visibility: Visibility,
  ) {}

  async execute(query: GetHistoryQuery): Promise<HistoryEntry[]> {
    const stream = `${query.category}-${query.id}`;
    // readStream throws StreamNotFound (404) for a stream that does not exist.
    const events = await this.store.readStream(stream);
    if (events.length === 0) throw new StreamNotFound(stream);
    const definition = VIEW_DEFINITIONS[query.category];
    if (query.principal && !definition) throw new StreamNotFound(stream);
    const relations = definition
      ? await this.visibility.ensureVisible(
          query.principal,
          query.category,
          query.id,
          foldView(definition, events),
        )
      : undefined;
    const access = relations ? personalAccess(query.principal, relations) : 'full';
    return events.map((e) => ({
      version: e.version,
      type: e.type,
      recordedAt: e.recordedAt.toISOString(),
      data: e.personal ? redactFields(e.data, e.personal.fields, access) : e.data,
      metadata: e.metadata,
      hash: e.hash,
      personalDataErased: e.personal?.erased ?? false,
    }));
  }
}

/** The personal fields of a view the principal may not read, redacted (docs/access.md). */
function redactView(category: string, view: object, access: PersonalAccess): object {
  switch (category) {
    case 'Mobility':
      return redactMobilityView(view, access);
    case 'Institution':
      // Contact persons are their institution's staff's business (and the operator's).
      return access === 'full' ? view : { ...view, contacts: [] };
    case 'Call': {
      if (access === 'full') return view;
      const call = view as { applications?: Array<Record<string, unknown>> };
      return {
        ...view,
        applications: (call.applications ?? []).map((a) =>
          redactFields(
            a,
            ['learner.name', 'learner.dateOfBirth', 'learner.email', 'learner.phone'],
            access,
          ),
        ),
      };
    }
    default:
      return view;
  }
}
