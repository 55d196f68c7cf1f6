import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { InjectPool } from '@ecvet/database';
import type { Principal } from '@ecvet/identity';
import { POLICY, type Guarded } from '../access/policy';
import type { Relations } from '../access/relations';
import { catalogueRelations, institutionRelations } from '../access/relations-of';
import { learnerDocuments } from '../learner/learner-documents';
import { READ_MODEL_CHANNEL } from '../read-models/read-model-documents';

/** A read-model document was written (the payload of `pg_notify('ecvet_read_models', …)`). */
export interface ReadModelChange {
  kind: string;
  id: string;
  version: number;
}

const GUARDED: Record<string, Guarded> = {
  mobilities: 'Mobility',
  partnerships: 'Partnership',
  calls: 'Call',
  institutions: 'Institution',
  qualifications: 'Qualification',
  learners: 'Learner',
  accounts: 'Account',
};

const RECONNECT_MS = [250, 1_000, 5_000];

interface Subscriber {
  principal: Principal;
  onChange: (change: ReadModelChange) => void;
}

type Doc = Record<string, unknown> & {
  sendingInstitution?: { institutionId?: string };
  host?: { institutionId?: string };
  mentors?: { sending?: { email?: unknown }; host?: { email?: unknown } };
  parties?: Array<{ institutionId?: string }>;
  coordinatorInstitutionId?: string;
  sendingInstitutionId?: string;
  hostInstitutionId?: string;
  institutionId?: string;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const ids = (...values: Array<string | undefined>) =>
  values.filter((v): v is string => v !== undefined);

/**
 * The relations of a read-model document, as the policy decides on them (the same facts as
 * `relations-of.ts` derives from the state: a mobility's schools and mentors, a partnership's
 * parties, a call's schools, an account's institution). A learner's record belongs to the sending
 * schools of the learner's mobilities.
 */
export async function relationsOfDocument(
  pool: Pool,
  kind: string,
  id: string,
  doc: Doc,
): Promise<Relations> {
  switch (kind) {
    case 'mobilities': {
      const owner = doc.sendingInstitution?.institutionId;
      const host = doc.host?.institutionId;
      return {
        institutions: ids(owner, host),
        ...(owner && { owner }),
        ...(host && { host }),
        mentors: { sending: str(doc.mentors?.sending?.email), host: str(doc.mentors?.host?.email) },
      };
    }
    case 'partnerships':
      return {
        institutions: ids(...(doc.parties ?? []).map((p) => p.institutionId)),
        ...(doc.coordinatorInstitutionId && { owner: doc.coordinatorInstitutionId }),
      };
    case 'calls':
      return {
        institutions: ids(doc.sendingInstitutionId, doc.hostInstitutionId),
        ...(doc.sendingInstitutionId && { owner: doc.sendingInstitutionId }),
        ...(doc.hostInstitutionId && { host: doc.hostInstitutionId }),
      };
    case 'institutions':
      return institutionRelations(id);
    case 'accounts':
      return {
        institutions: ids(doc.institutionId),
        ...(doc.institutionId && { owner: doc.institutionId }),
        account: id,
      };
    case 'learners': {
      const documents = await learnerDocuments(pool, id);
      return {
        institutions: [
          ...new Set(
            ids(
              ...documents
                .filter((d) => d.kind === 'mobilities')
                .map((d) => d.sendingInstitutionId),
            ),
          ),
        ],
      };
    }
    default:
      return catalogueRelations();
  }
}

/**
 * The read models' changes, live: one `LISTEN ecvet_read_models` connection per process (a pool
 * client with an error listener, re-established when lost), fanned out to the subscribers (the
 * dashboard's server-sent events). Each subscriber hears of a change only when its principal may
 * read the document as it now stands (the policy's `read` on the document's relations); what it
 * may not read, it never hears of. Notifications that arrive while the connection is down are
 * lost: the pages refresh on their next change or reload.
 */
@Injectable()
export class ReadModelEvents implements OnApplicationShutdown {
  private readonly logger = new Logger(ReadModelEvents.name);
  private readonly subscribers = new Set<Subscriber>();
  private client?: PoolClient;
  private connecting?: Promise<void>;
  private retry?: NodeJS.Timeout;
  private failures = 0;
  private closed = false;

  constructor(@InjectPool() private readonly pool: Pool) {}

  /** Hears of the changes `principal` may read, until the returned function is called. */
  async subscribe(
    principal: Principal,
    onChange: (change: ReadModelChange) => void,
  ): Promise<() => void> {
    const subscriber = { principal, onChange };
    this.subscribers.add(subscriber);
    await this.listen().catch(() => this.scheduleReconnect());
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  /** Whether the LISTEN connection is up (for tests and health). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  private listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = await this.pool.connect();
      client.on('error', (err) => {
        this.logger.warn(`the LISTEN connection was lost: ${err.message}`);
        if (this.client === client) this.client = undefined;
        client.release(true);
        this.scheduleReconnect();
      });
      client.on('notification', (message) => {
        if (message.channel === READ_MODEL_CHANNEL && message.payload)
          void this.dispatch(message.payload);
      });
      try {
        await client.query(`LISTEN ${READ_MODEL_CHANNEL}`);
      } catch (err) {
        client.release(true);
        throw err;
      }
      this.client = client;
      this.failures = 0;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry || this.subscribers.size === 0) return;
    const wait = RECONNECT_MS[Math.min(this.failures++, RECONNECT_MS.length - 1)];
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.listen().catch(() => this.scheduleReconnect());
    }, wait);
    this.retry.unref();
  }

  private async dispatch(payload: string): Promise<void> {
    if (this.subscribers.size === 0) return;
    let change: ReadModelChange;
    try {
      const parsed = JSON.parse(payload) as Partial<ReadModelChange>;
      if (typeof parsed.kind !== 'string' || typeof parsed.id !== 'string') return;
      change = { kind: parsed.kind, id: parsed.id, version: Number(parsed.version) };
    } catch {
      return;
    }
    const guarded = GUARDED[change.kind];
    if (!guarded) return;
    try {
      const { rows } = await this.pool.query<{ doc: Doc }>(
        'SELECT doc FROM ecvet_read_models WHERE kind = $1 AND id = $2',
        [change.kind, change.id],
      );
      if (!rows[0]) return;
      const relations = await relationsOfDocument(this.pool, change.kind, change.id, rows[0].doc);
      const read = POLICY[guarded].read as (p: Principal, r: Relations, q: object) => boolean;
      for (const subscriber of [...this.subscribers])
        if (read(subscriber.principal, relations, {})) subscriber.onChange(change);
    } catch (err) {
      this.logger.warn(`a change of ${change.kind}/${change.id} was not delivered: ${String(err)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.subscribers.clear();
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.query(`UNLISTEN ${READ_MODEL_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }
}
