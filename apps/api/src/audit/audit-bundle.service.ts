import type { KeyObject } from 'node:crypto';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import {
  AccessDenied,
  auditsAny,
  hasRoleAt,
  institutionRelations,
  isOperator,
  MobilityAggregate,
  PartnershipAggregate,
  CallAggregate,
  InstitutionAggregate,
  Visibility,
  type Relations,
} from '@ecvet/application';
import { AppConfig, sealTrustedKeys } from '@ecvet/config';
import { InjectPool } from '@ecvet/database';
import { EventSourcedStreams, type Aggregate, type DomainEvent } from '@ecvet/event-sourcing';
import {
  keyIdOf,
  sealSignerFromPem,
  StreamNotFound,
  toStoredSeal,
  type SealSigner,
  type StoredSeal,
  signCheckpoint,
  spkiOf,
  type SignedCheckpoint,
} from '@ecvet/event-store';
import type { Principal } from '@ecvet/identity';
import { RequestRuleViolated } from '../problem-details/problem-details';
import {
  writeBundle,
  type BundleInput,
  type BundleStream,
  type StoredEvent,
} from './bundle-writer';
import { BundleDocuments, languagesOf, type SubjectStream } from './bundle-documents';
import { BundleWorkflow } from './bundle-workflow';
import {
  CHECKPOINT_SQL,
  coveringSeal,
  leavesOf,
  storedEvent,
  treeSize,
  type Db,
  type EventRow,
  type SealRow,
} from './bundle-rows';

export interface BundleRequest {
  mobilityId?: string;
  partnershipId?: string;
  institutionId?: string;
  from?: string;
  to?: string;
  /** A seal hash the auditor kept: the bundle's seal chain reaches back to it. */
  checkpoint?: string;
  /** The documents' languages: `lv`, `en` or `lv,en` (the default). */
  lang?: string;
}

type Subject = BundleInput['subject'];

/**
 * Who may take an object's audit bundle (docs/access.md): the operator, an auditor whose scope
 * covers the object, and the administrators and coordinators of the institutions it belongs to.
 * Whoever may not read the object gets 404 (the policy's `read`); whoever may read it but is not
 * one of these, 403.
 */
export const exportsAuditBundle = (p: Principal, r: Relations): boolean =>
  isOperator(p) ||
  auditsAny(p, r.institutions) ||
  r.institutions.some((i) => hasRoleAt(p, ['administrator', 'coordinator'], i));

const AGGREGATES = {
  Mobility: MobilityAggregate,
  Partnership: PartnershipAggregate,
  Call: CallAggregate,
  Institution: InstitutionAggregate,
} as const;
type Category = keyof typeof AGGREGATES;

/**
 * Assembles audit bundles (docs/audit-bundle.md) from the store as it is stored — personal fields
 * as their ciphertext envelopes, since the hashes are over the stored bytes — and signs the
 * checkpoints auditors keep. PostgreSQL adapter only: the seals live there.
 */
@Injectable()
export class AuditBundleService {
  private readonly signer?: SealSigner;
  /** SEAL_TRUSTED_KEYS: earlier seal keys, bundled when a bundled seal is signed with one. */
  private readonly earlierKeys: KeyObject[];

  constructor(
    @InjectPool() private readonly pool: Pool,
    private readonly config: AppConfig,
    private readonly streams: EventSourcedStreams,
    private readonly visibility: Visibility,
    private readonly workflows: BundleWorkflow,
    private readonly documents: BundleDocuments,
  ) {
    this.signer = config.SEAL_SIGNING_KEY ? sealSignerFromPem(config.SEAL_SIGNING_KEY) : undefined;
    this.earlierKeys = config.SEAL_TRUSTED_KEYS ? sealTrustedKeys(config.SEAL_TRUSTED_KEYS) : [];
  }

  /** The latest seal's checkpoint, signed; 503 without a seal key or a seal. */
  async checkpoint(): Promise<SignedCheckpoint & { spki: string }> {
    this.ensurePostgres();
    if (!this.signer)
      throw new HttpException(
        'no checkpoints here: SEAL_SIGNING_KEY is not set on the API',
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    const { rows } = await this.pool.query<SealRow>(
      'SELECT * FROM ecvet_event_seals ORDER BY seq DESC LIMIT 1',
    );
    if (rows.length === 0)
      throw new HttpException('the log has no seal yet', HttpStatus.SERVICE_UNAVAILABLE);
    const latest = toStoredSeal(rows[0]);
    return {
      ...signCheckpoint(latest, await treeSize(this.pool, latest.seq), this.signer),
      spki: spkiOf(this.signer.publicKey),
    };
  }

  async bundle(principal: Principal | undefined, request: BundleRequest): Promise<Buffer> {
    this.ensurePostgres();
    const subject = subjectOf(request);
    const range = rangeOf(request);
    const streamNames = await this.streamsOf(principal, subject);
    const workflow = await this.workflows.of(subject);
    // One snapshot for the events, the seals and their leaves: a seal made meanwhile is not half in.
    const db = await this.pool.connect();
    let assembled: Awaited<ReturnType<AuditBundleService['assemble']>>;
    try {
      await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      assembled = await this.assemble(db, subject, range, streamNames, request.checkpoint);
      await db.query('COMMIT');
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      db.release();
    }
    const { subjectStream, ...input } = assembled;
    const documents = await this.documents.render(
      principal,
      subject,
      subjectStream,
      languagesOf(request.lang),
    );
    return writeBundle({ ...input, workflow, documents });
  }

  private async assemble(
    db: Db,
    subject: Subject,
    range: BundleInput['range'],
    streamNames: string[],
    keptSealHash: string | undefined,
  ): Promise<Omit<BundleInput, 'workflow' | 'documents'> & { subjectStream: SubjectStream }> {
    const { rows: latestRows } = await db.query<SealRow>(
      'SELECT * FROM ecvet_event_seals ORDER BY seq DESC LIMIT 1',
    );
    const latest = latestRows[0] ? toStoredSeal(latestRows[0]) : undefined;
    const { rows } = await db.query<EventRow>(
      `SELECT e.stream_id, e.version, e.event_id::text AS event_id, e.event_type,
         e.data::text AS data, e.metadata::text AS metadata,
         to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at,
         ${CHECKPOINT_SQL} AS checkpoint, e.prev_hash, e.hash
       FROM ecvet_events e WHERE e.stream_id = ANY($1::text[])
       ORDER BY e.stream_id, e.version`,
      [streamNames],
    );
    const byStream = new Map<string, StoredEvent[]>(streamNames.map((s) => [s, []]));
    for (const r of rows) byStream.get(r.stream_id)!.push(storedEvent(r));

    // Per stream: the versions recorded in the range, as one consecutive run; of those, the
    // sealed ones up to the first that is not (the rest is counted, not exported).
    const bundleStreams: BundleStream[] = [];
    for (const [stream, events] of byStream) {
      const inRange = events.filter(
        (e) =>
          (range.from === null || e.recordedAt >= range.from) &&
          (range.to === null || e.recordedAt < range.to),
      );
      const run = inRange.length
        ? events.filter(
            (e) =>
              e.version >= inRange[0].version && e.version <= inRange[inRange.length - 1].version,
          )
        : [];
      let sealed = run.findIndex((e) => !latest || e.checkpoint > latest.toCheckpoint);
      if (sealed < 0) sealed = run.length;
      bundleStreams.push({
        stream,
        events: run.slice(0, sealed),
        unsealed: run.length - sealed,
      });
    }

    const exported = bundleStreams.flatMap((s) => s.events);
    let seals: StoredSeal[] = [];
    const leaves = new Map<number, Array<{ checkpoint: string; hash: Buffer }>>();
    if (latest) {
      let fromSeq = latest.seq;
      if (exported.length) {
        const lowest = exported.reduce((m, e) => (e.checkpoint < m ? e.checkpoint : m), '~');
        const { rows: covering } = await db.query<{ seq: string }>(
          `SELECT min(seq)::text AS seq FROM ecvet_event_seals WHERE to_checkpoint COLLATE "C" >= $1`,
          [lowest],
        );
        fromSeq = Number(covering[0].seq);
      }
      if (keptSealHash) {
        const { rows: kept } = await db.query<{ seq: string }>(
          `SELECT seq::text AS seq FROM ecvet_event_seals WHERE seal_hash = decode($1, 'hex')`,
          [keptSealHash],
        );
        // An unknown hash is not an error here: the verifier will say it is not on the chain.
        if (kept[0]) fromSeq = Math.min(fromSeq, Number(kept[0].seq));
      }
      const { rows: sealRows } = await db.query<SealRow>(
        'SELECT * FROM ecvet_event_seals WHERE seq BETWEEN $1 AND $2 ORDER BY seq',
        [fromSeq, latest.seq],
      );
      seals = sealRows.map(toStoredSeal);
      const covering = new Set<number>();
      for (const e of exported) covering.add(coveringSeal(seals, e.checkpoint).seq);
      for (const seq of [...covering].sort((a, b) => a - b))
        leaves.set(
          seq,
          await leavesOf(
            db,
            seals.find((s) => s.seq === seq)!,
          ),
        );
    }

    return {
      subject,
      range,
      streams: bundleStreams,
      seals,
      leaves,
      treeSize: latest ? await treeSize(db, latest.seq) : 0,
      publicKeys: [
        ...(this.signer ? [this.signer.publicKey] : []),
        ...this.earlierKeys.filter((key) => seals.some((seal) => seal.keyId === keyIdOf(key))),
      ],
      ...(this.signer && { signer: this.signer }),
      subjectStream: {
        all: byStream.get(streamNames[0]) ?? [],
        exported: bundleStreams.find((s) => s.stream === streamNames[0])?.events ?? [],
      },
    };
  }

  /** The streams of a subject the principal may take a bundle of: 404 / 403 by the policy. */
  private async streamsOf(principal: Principal | undefined, subject: Subject): Promise<string[]> {
    const category = (
      { mobility: 'Mobility', partnership: 'Partnership', institution: 'Institution' } as const
    )[subject.type];
    const own = await this.load(category, subject.id);
    if (!own) throw new StreamNotFound(`${category}-${subject.id}`);
    const relations =
      category === 'Institution'
        ? institutionRelations(subject.id)
        : await this.visibility.ensureVisible(principal, category, subject.id, own.state);
    if (principal && !exportsAuditBundle(principal, relations))
      throw new AccessDenied('exportAuditBundle');

    const related: Array<{ category: Category; id: string }> = [];
    const ids = async (kind: string, where: string, param: string) =>
      (
        await this.pool.query<{ id: string }>(
          `SELECT id FROM ecvet_read_models WHERE kind = $1 AND (${where}) ORDER BY id COLLATE "C"`,
          [kind, param],
        )
      ).rows.map((r) => r.id);
    if (subject.type === 'partnership') {
      for (const id of await ids('mobilities', `doc->>'partnershipId' = $2`, subject.id))
        related.push({ category: 'Mobility', id });
    }
    if (subject.type === 'institution') {
      for (const id of await ids(
        'mobilities',
        `doc->'sendingInstitution'->>'institutionId' = $2 OR doc->'host'->>'institutionId' = $2`,
        subject.id,
      ))
        related.push({ category: 'Mobility', id });
      for (const id of await ids(
        'partnerships',
        `EXISTS (SELECT 1 FROM jsonb_array_elements(doc->'parties') AS party WHERE party->>'institutionId' = $2)`,
        subject.id,
      ))
        related.push({ category: 'Partnership', id });
      for (const id of await ids(
        'calls',
        `doc->>'sendingInstitutionId' = $2 OR doc->>'hostInstitutionId' = $2`,
        subject.id,
      ))
        related.push({ category: 'Call', id });
    }
    const names = [`${category}-${subject.id}`];
    for (const r of related) {
      const loaded = await this.load(r.category, r.id);
      if (!loaded) continue;
      try {
        // Each object on its own: only what the principal may read goes in.
        await this.visibility.ensureVisible(principal, r.category, r.id, loaded.state);
        names.push(`${r.category}-${r.id}`);
      } catch (err) {
        if (!(err instanceof StreamNotFound)) throw err;
      }
    }
    return names;
  }

  private async load(category: Category, id: string): Promise<{ state: unknown } | undefined> {
    // The registry mixes aggregates; only the state's existence and relations are read here.
    const aggregate = AGGREGATES[category] as Aggregate<{ type: string }, DomainEvent, unknown>;
    const stream = await this.streams.load(aggregate, id);
    return stream.exists ? { state: stream.state } : undefined;
  }

  private ensurePostgres(): void {
    if (this.config.EVENT_STORE !== 'postgres')
      throw new HttpException(
        'audit bundles and checkpoints need the PostgreSQL event store (its seals)',
        HttpStatus.NOT_IMPLEMENTED,
      );
  }
}

function subjectOf(request: BundleRequest): Subject {
  const given = (
    [
      ['mobility', request.mobilityId],
      ['partnership', request.partnershipId],
      ['institution', request.institutionId],
    ] as const
  ).filter(([, id]) => id !== undefined);
  if (given.length !== 1)
    throw new RequestRuleViolated('audit.one-subject', 'a bundle is of exactly one object', [
      {
        name: 'mobilityId',
        reason: 'name exactly one of mobilityId, partnershipId, institutionId',
      },
    ]);
  return { type: given[0][0], id: given[0][1]! };
}

function rangeOf(request: BundleRequest): BundleInput['range'] {
  const at = (value: string | undefined) =>
    value === undefined ? null : new Date(value).toISOString();
  const range = { from: at(request.from), to: at(request.to) };
  if (range.from !== null && range.to !== null && range.from >= range.to)
    throw new RequestRuleViolated('audit.range-in-order', 'the range ends before it starts', [
      { name: 'to', reason: 'to must be after from' },
    ]);
  return range;
}
