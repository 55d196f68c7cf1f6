import type { MouEscalationLevel } from '../libs/domain/src/partnership/partnership.events';
import type { RecordedSummary } from './bridged-event';
import type { PartnershipBridgedEvent, PartnershipEventSummary } from './partnership-signal';

/**
 * What the partnership workflow knows of its partnership, folded from bridged events: the
 * signature collection of each MoU version and the renewal of the MoU in force. Pure and
 * serialisable (it is carried across continue-as-new); what to do next is decided from it in
 * partnership-schedule.ts.
 */

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
  escalated: Record<string, MouEscalationLevel[]>;
}

/** The newest fully signed version: the one to renew before it ends. */
export interface RenewalTrack {
  version: number;
  validFrom: string;
  validUntil: string;
  reminders: number;
  lastSentAt?: number;
  escalated: MouEscalationLevel[];
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

/** Folds one bridged event; returns false for an event already seen (at or below the checkpoint). */
export function applyPartnershipEvent(
  track: PartnershipTrack,
  event: PartnershipBridgedEvent,
): boolean {
  if (event.checkpoint <= track.lastCheckpoint) return false;
  track.lastCheckpoint = event.checkpoint;
  // The summary carries no policy: the workflow reloads it when this checkpoint changes.
  if (event.type === 'PartnershipReminderPolicySet') track.policyCheckpoint = event.checkpoint;
  foldPartnershipEvent(track, event);
  return true;
}

/**
 * Folds one event summary into the track: a bridged event (through `applyPartnershipEvent`) or
 * what the workflow's own action recorded (`partnershipActionOutcome`), before the bridge
 * delivers it.
 */
export function foldPartnershipEvent(
  track: PartnershipTrack,
  event: RecordedSummary<PartnershipEventSummary>,
): void {
  const at = Date.parse(event.recordedAt);
  const c = track.collection;
  /** The collection, if the event is about its version. */
  const collectionOf = (version: number | undefined) =>
    c !== undefined && c.version === version ? c : undefined;
  switch (event.type) {
    case 'PartnershipProposed': {
      const d = event.data;
      if (track.status === 'unknown') track.status = 'proposed';
      track.parties = d.requiredParties ? [...d.requiredParties] : track.parties;
      track.coordinatorInstitutionId = d.coordinatorInstitutionId;
      break;
    }
    case 'PartnerAdded': {
      const { institutionId, supersededVersion } = event.data;
      if (institutionId && !track.parties.includes(institutionId))
        track.parties.push(institutionId);
      if (c && supersededVersion === c.version) c.superseded = true;
      break;
    }
    case 'PartnerRemoved': {
      const { institutionId, supersededVersion } = event.data;
      track.parties = track.parties.filter((p) => p !== institutionId);
      if (c && supersededVersion === c.version) c.superseded = true;
      break;
    }
    case 'MouVersionDrafted': {
      const { version } = event.data;
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
    }
    case 'MouSigned': {
      const { version, institutionId } = event.data;
      const m = collectionOf(version);
      if (m && institutionId && !m.signed.includes(institutionId)) m.signed.push(institutionId);
      break;
    }
    case 'MouDeclined': {
      const m = collectionOf(event.data.version);
      if (m) m.declined = true;
      break;
    }
    case 'MouFullySigned': {
      const { version, validFrom, validUntil } = event.data;
      const m = collectionOf(version);
      if (m) m.fullySigned = true;
      if (
        version !== undefined &&
        validFrom &&
        validUntil &&
        version > (track.renewal?.version ?? 0)
      )
        track.renewal = { version, validFrom, validUntil, reminders: 0, escalated: [] };
      break;
    }
    case 'MouSignatureRequestExpired': {
      const m = collectionOf(event.data.version);
      if (m) m.expired = true;
      break;
    }
    case 'MouSignatureReminderSent': {
      const { version, institutionId, reminderNumber, sentAt } = event.data;
      const m = collectionOf(version);
      if (m && institutionId) {
        m.reminders[institutionId] = Math.max(m.reminders[institutionId] ?? 0, reminderNumber ?? 0);
        m.lastSentAt[institutionId] = Math.max(
          m.lastSentAt[institutionId] ?? 0,
          Date.parse(sentAt ?? event.recordedAt),
        );
      }
      break;
    }
    case 'MouSignatureRequestEscalated': {
      const { version, institutionId, level } = event.data;
      const m = collectionOf(version);
      if (m && institutionId) {
        const levels = m.escalated[institutionId] ?? [];
        if (!levels.includes(level)) m.escalated[institutionId] = [...levels, level];
      }
      break;
    }
    case 'MouRenewalReminderSent': {
      const { version, reminderNumber, sentAt } = event.data;
      const r = track.renewal;
      if (r && r.version === version) {
        r.reminders = Math.max(r.reminders, reminderNumber ?? 0);
        r.lastSentAt = Math.max(r.lastSentAt ?? 0, Date.parse(sentAt ?? event.recordedAt));
      }
      break;
    }
    case 'MouRenewalEscalated': {
      const { version, level } = event.data;
      const r = track.renewal;
      if (r && r.version === version && !r.escalated.includes(level)) r.escalated.push(level);
      break;
    }
    case 'PartnershipTerminated':
      track.status = 'terminated';
      break;
  }
}
