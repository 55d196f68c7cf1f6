import {
  durationMs,
  outsideQuietHours,
  reminderDueAt,
  type ReminderPolicy,
} from '../libs/domain/src/reminders/reminder-policy';
import type { BridgedEvent } from './bridged-event';

/**
 * What the partnership workflow knows of its partnership, folded from bridged events, and what
 * it must do next: collect the signatures of each MoU version (reminders, escalation, expiry
 * `mouSignatureDeadline` after the draft), and remind the partnership to renew the MoU in force
 * before its validity ends. Pure and serialisable (it is carried across continue-as-new), so it
 * is unit-tested without Temporal; the workflow only sleeps until the next action and runs it.
 */
export type Level = 'coordinator' | 'head';

/** Signature collection of one MoU version; parties are institution ids. */
export interface MouCollection {
  version: number;
  /** ms: when this version was drafted (the request was made). */
  requestedAt: number;
  /** The parties when the version was drafted (a change of parties supersedes it). */
  required: string[];
  signed: string[];
  declined: boolean;
  fullySigned: boolean;
  superseded: boolean;
  expired: boolean;
  reminders: Record<string, number>;
  /** ms of the last reminder per party: after downtime, reminders resume spaced, not in a burst. */
  lastSentAt: Record<string, number>;
  escalated: Record<string, Level[]>;
}

/** The newest fully signed version: the one to renew before it ends. */
export interface RenewalTrack {
  version: number;
  validFrom: string;
  validUntil: string;
  reminders: number;
  lastSentAt?: number;
  escalated: Level[];
}

export interface PartnershipTrack {
  partnershipId: string;
  lastCheckpoint: string;
  status: 'unknown' | 'proposed' | 'terminated';
  coordinatorInstitutionId?: string;
  parties: string[];
  /** The newest version drafted (0: none). */
  latestVersion: number;
  collection?: MouCollection;
  renewal?: RenewalTrack;
  /** Checkpoint of the last `PartnershipReminderPolicySet`: the workflow reloads on a change. */
  policyCheckpoint?: string;
}

export const newPartnershipTrack = (partnershipId: string): PartnershipTrack => ({
  partnershipId,
  lastCheckpoint: '',
  status: 'unknown',
  parties: [],
  latestVersion: 0,
});

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

/** Folds one bridged event; returns false for an event already seen (at or below the checkpoint). */
export function applyPartnershipEvent(track: PartnershipTrack, event: BridgedEvent): boolean {
  if (event.checkpoint <= track.lastCheckpoint) return false;
  track.lastCheckpoint = event.checkpoint;
  const d = event.data;
  const at = Date.parse(event.recordedAt);
  const c = track.collection;
  const version = num(d.version);
  const institutionId = str(d.institutionId);
  const ofCollection = c !== undefined && c.version === version;
  switch (event.type) {
    case 'PartnershipProposed':
      if (track.status === 'unknown') track.status = 'proposed';
      track.parties = strings(d.requiredParties) ?? track.parties;
      track.coordinatorInstitutionId = str(d.coordinatorInstitutionId);
      break;
    case 'PartnerAdded':
      if (institutionId && !track.parties.includes(institutionId))
        track.parties.push(institutionId);
      if (c && num(d.supersededVersion) === c.version) c.superseded = true;
      break;
    case 'PartnerRemoved':
      track.parties = track.parties.filter((p) => p !== institutionId);
      if (c && num(d.supersededVersion) === c.version) c.superseded = true;
      break;
    case 'MouVersionDrafted':
      track.latestVersion = Math.max(track.latestVersion, version ?? track.latestVersion + 1);
      track.collection = {
        version: version ?? track.latestVersion,
        requestedAt: at,
        required: [...track.parties],
        signed: [],
        declined: false,
        fullySigned: false,
        superseded: false,
        expired: false,
        reminders: {},
        lastSentAt: {},
        escalated: {},
      };
      break;
    case 'MouSigned':
      if (ofCollection && institutionId && !c.signed.includes(institutionId))
        c.signed.push(institutionId);
      break;
    case 'MouDeclined':
      if (ofCollection) c.declined = true;
      break;
    case 'MouFullySigned': {
      if (ofCollection) c.fullySigned = true;
      const validFrom = str(d.validFrom);
      const validUntil = str(d.validUntil);
      if (
        version !== undefined &&
        validFrom &&
        validUntil &&
        version > (track.renewal?.version ?? 0)
      )
        track.renewal = { version, validFrom, validUntil, reminders: 0, escalated: [] };
      break;
    }
    case 'MouSignatureRequestExpired':
      if (ofCollection) c.expired = true;
      break;
    case 'MouSignatureReminderSent':
      if (ofCollection && institutionId) {
        c.reminders[institutionId] = Math.max(
          c.reminders[institutionId] ?? 0,
          num(d.reminderNumber) ?? 0,
        );
        c.lastSentAt[institutionId] = Math.max(
          c.lastSentAt[institutionId] ?? 0,
          Date.parse(str(d.sentAt) ?? event.recordedAt),
        );
      }
      break;
    case 'MouSignatureRequestEscalated':
      if (ofCollection && institutionId) {
        const levels = c.escalated[institutionId] ?? [];
        if (!levels.includes(d.level as Level))
          c.escalated[institutionId] = [...levels, d.level as Level];
      }
      break;
    case 'MouRenewalReminderSent': {
      const r = track.renewal;
      if (r && r.version === version) {
        r.reminders = Math.max(r.reminders, num(d.reminderNumber) ?? 0);
        r.lastSentAt = Math.max(r.lastSentAt ?? 0, Date.parse(str(d.sentAt) ?? event.recordedAt));
      }
      break;
    }
    case 'MouRenewalEscalated': {
      const r = track.renewal;
      if (r && r.version === version && !r.escalated.includes(d.level as Level))
        r.escalated.push(d.level as Level);
      break;
    }
    case 'PartnershipTerminated':
      track.status = 'terminated';
      break;
    case 'PartnershipReminderPolicySet':
      track.policyCheckpoint = event.checkpoint;
      break;
  }
  return true;
}

export type PartnershipAction =
  | { kind: 'remind'; version: number; institutionId: string; reminderNumber: number }
  | {
      kind: 'escalate';
      version: number;
      institutionId: string;
      level: Level;
      afterReminders: number;
    }
  | { kind: 'expire'; version: number; deadline: string }
  | { kind: 'renewal-reminder'; version: number; validUntil: string; reminderNumber: number }
  | {
      kind: 'renewal-escalate';
      version: number;
      validUntil: string;
      level: Level;
      afterReminders: number;
    };

export interface PartnershipDue {
  at: number;
  action: PartnershipAction;
}

export const isPartnershipFinished = (t: PartnershipTrack) => t.status === 'terminated';

const DAY = 86_400_000;
const midnight = (date: string) => Date.parse(`${date}T00:00:00.000Z`);

/** The collection still awaiting signatures, if any. */
export function openCollection(track: PartnershipTrack): MouCollection | undefined {
  const c = track.collection;
  return c && !c.fullySigned && !c.declined && !c.superseded && !c.expired ? c : undefined;
}

/** When the request for a version's signatures expires: its draft plus `mouSignatureDeadline`. */
export const mouSignatureDeadline = (c: MouCollection, policy: ReminderPolicy): number =>
  c.requestedAt + durationMs(policy.mouSignatureDeadline);

/** The MoU in force to be renewed: none once a newer version is drafted. */
export function renewalDue(track: PartnershipTrack): RenewalTrack | undefined {
  const r = track.renewal;
  return r && track.latestVersion <= r.version ? r : undefined;
}

/** When the first renewal reminder is due: `renewalReminderBeforeExpiry` before `validUntil`. */
export const firstRenewalReminderAt = (r: RenewalTrack, policy: ReminderPolicy): number =>
  midnight(r.validUntil) - durationMs(policy.renewalReminderBeforeExpiry);

/**
 * Everything the workflow should do, each with its time; the earliest is next. Independent of the
 * clock: what is due in the past is due now.
 */
export function partnershipDueActions(
  track: PartnershipTrack,
  policy: ReminderPolicy,
): PartnershipDue[] {
  if (isPartnershipFinished(track)) return [];
  const due: PartnershipDue[] = [];
  const repeat = durationMs(policy.repeatEvery);
  const c = openCollection(track);
  if (c) {
    const deadline = mouSignatureDeadline(c, policy);
    due.push({
      at: deadline,
      action: { kind: 'expire', version: c.version, deadline: new Date(deadline).toISOString() },
    });
    for (const institutionId of c.required.filter((p) => !c.signed.includes(p))) {
      const sent = c.reminders[institutionId] ?? 0;
      const levels = c.escalated[institutionId] ?? [];
      const escalate = (level: Level) =>
        due.push({
          at: c.requestedAt,
          action: {
            kind: 'escalate',
            version: c.version,
            institutionId,
            level,
            afterReminders: sent,
          },
        });
      if (sent >= policy.escalateAfter && !levels.includes('coordinator')) escalate('coordinator');
      else if (sent >= policy.escalateToHeadAfter && !levels.includes('head')) escalate('head');
      const at = outsideQuietHours(
        policy,
        Math.max(
          reminderDueAt(policy, c.requestedAt, sent + 1),
          (c.lastSentAt[institutionId] ?? 0) + repeat,
        ),
      );
      if (at < deadline)
        due.push({
          at,
          action: { kind: 'remind', version: c.version, institutionId, reminderNumber: sent + 1 },
        });
    }
  }
  const r = renewalDue(track);
  if (r) {
    const first = firstRenewalReminderAt(r, policy);
    // The validity ends with its last day (inclusive): after it, there is nothing to renew.
    const lapse = midnight(r.validUntil) + DAY;
    const { version, validUntil } = r;
    if (r.reminders >= policy.escalateAfter) {
      if (!r.escalated.includes('coordinator'))
        due.push({
          at: first,
          action: {
            kind: 'renewal-escalate',
            version,
            validUntil,
            level: 'coordinator',
            afterReminders: r.reminders,
          },
        });
    } else {
      const at = outsideQuietHours(
        policy,
        Math.max(first + r.reminders * repeat, (r.lastSentAt ?? 0) + repeat),
      );
      if (at < lapse)
        due.push({
          at,
          action: {
            kind: 'renewal-reminder',
            version,
            validUntil,
            reminderNumber: r.reminders + 1,
          },
        });
    }
  }
  return due.sort((a, b) => a.at - b.at);
}

/** What administrators filter on in the Temporal Web UI, and what `status` reports. */
export function partnershipPhaseOf(track: PartnershipTrack): string {
  if (track.status === 'terminated') return 'terminated';
  const c = track.collection;
  if (c && !c.fullySigned) {
    if (c.declined) return 'mou-declined';
    if (c.superseded) return 'mou-superseded';
    return c.expired ? 'mou-expired' : 'awaiting-signatures';
  }
  if (track.renewal) return 'mou-signed';
  return track.status === 'proposed' ? 'proposed' : 'unknown';
}

export const isPartnershipOverdue = (track: PartnershipTrack) =>
  Boolean(track.collection?.expired && !track.collection.fullySigned);
