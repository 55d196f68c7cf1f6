import {
  durationMs,
  outsideQuietHours,
  reminderDueAt,
  type ReminderPolicy,
} from '../libs/domain/src/reminders/reminder-policy';
import type { BridgedEvent } from './bridged-event';

/**
 * What the mobility workflow knows of its mobility, folded from bridged events, and what it must
 * do next. Pure and serialisable (it is carried across continue-as-new), so it is unit-tested
 * without Temporal; the workflow only sleeps until the next action and runs it.
 */
export type Role = 'sending-school' | 'host' | 'learner' | 'guardian';
export type Step = 'start' | 'end' | 'assessment' | 'recognition';
export type Level = 'coordinator' | 'head';

export interface Collection {
  version: number;
  /** ms: when this version was drafted (the request was made). */
  requestedAt: number;
  required: Role[];
  signed: Role[];
  declined: boolean;
  fullySigned: boolean;
  expired: boolean;
  reminders: Partial<Record<Role, number>>;
  /** ms of the last reminder per role: after downtime, reminders resume spaced, not in a burst. */
  lastSentAt: Partial<Record<Role, number>>;
  escalated: Partial<Record<Role, Level[]>>;
}

export interface StepTrack {
  reminders: number;
  lastSentAt?: number;
  escalated: Level[];
  missed: boolean;
}

export interface MobilityTrack {
  mobilityId: string;
  lastCheckpoint: string;
  partnershipId?: string;
  sendingInstitutionId?: string;
  plannedStart?: string;
  plannedEnd?: string;
  status: 'unknown' | 'planned' | 'under-way' | 'ended' | 'completed' | 'cancelled';
  collection?: Collection;
  fullySignedAt?: number;
  actualEnd?: string;
  endedAt?: number;
  transcriptAt?: number;
  units: string[];
  decidedUnits: string[];
  steps: Partial<Record<Step, StepTrack>>;
}

export const newTrack = (mobilityId: string): MobilityTrack => ({
  mobilityId,
  lastCheckpoint: '',
  status: 'unknown',
  units: [],
  decidedUnits: [],
  steps: {},
});

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Folds one bridged event; returns false for an event already seen (at or below the checkpoint). */
export function applyEvent(track: MobilityTrack, event: BridgedEvent): boolean {
  if (event.checkpoint <= track.lastCheckpoint) return false;
  track.lastCheckpoint = event.checkpoint;
  const d = event.data;
  const at = Date.parse(event.recordedAt);
  const c = track.collection;
  const version = num(d.version);
  switch (event.type) {
    case 'MobilityPlanned':
      track.status = 'planned';
      track.partnershipId = str(d.partnershipId);
      track.sendingInstitutionId = str(d.sendingInstitutionId);
      track.plannedStart = str(d.plannedStart);
      track.plannedEnd = str(d.plannedEnd);
      track.units = (d.unitIds as string[] | undefined) ?? [];
      break;
    case 'LearningAgreementVersionDrafted':
      track.collection = {
        version: version ?? 1,
        requestedAt: at,
        required: (d.requiredSignatories as Role[] | undefined) ?? [],
        signed: [],
        declined: false,
        fullySigned: false,
        expired: false,
        reminders: {},
        lastSentAt: {},
        escalated: {},
      };
      track.plannedStart = str(d.plannedStart) ?? track.plannedStart;
      track.plannedEnd = str(d.plannedEnd) ?? track.plannedEnd;
      track.units = (d.unitIds as string[] | undefined) ?? track.units;
      break;
    case 'LearningAgreementSigned':
      if (c && c.version === version && !c.signed.includes(d.role as Role))
        c.signed.push(d.role as Role);
      break;
    case 'LearningAgreementDeclined':
      if (c && c.version === version) c.declined = true;
      break;
    case 'LearningAgreementFullySigned':
      if (c && c.version === version) c.fullySigned = true;
      track.fullySignedAt = at;
      break;
    case 'SignatureRequestExpired':
      if (c && c.version === version) c.expired = true;
      break;
    case 'SignatureReminderSent':
      if (c && c.version === version) {
        const role = d.role as Role;
        c.reminders[role] = Math.max(c.reminders[role] ?? 0, num(d.reminderNumber) ?? 0);
        c.lastSentAt[role] = Math.max(
          c.lastSentAt[role] ?? 0,
          Date.parse(str(d.sentAt) ?? event.recordedAt),
        );
      }
      break;
    case 'SignatureRequestEscalated':
      if (c && c.version === version) {
        const role = d.role as Role;
        const levels = c.escalated[role] ?? [];
        if (!levels.includes(d.level as Level)) c.escalated[role] = [...levels, d.level as Level];
      }
      break;
    case 'MobilityStarted':
      track.status = 'under-way';
      break;
    case 'MobilityEnded':
      track.status = 'ended';
      track.actualEnd = str(d.actualEnd);
      track.endedAt = at;
      break;
    case 'TranscriptIssued':
      track.transcriptAt = at;
      break;
    case 'UnitRecognised':
    case 'UnitRecognitionRefused':
      if (typeof d.unitId === 'string' && !track.decidedUnits.includes(d.unitId))
        track.decidedUnits.push(d.unitId);
      break;
    case 'StepReminderSent': {
      const s = stepOf(track, d.step as Step);
      s.reminders = Math.max(s.reminders, num(d.reminderNumber) ?? 0);
      s.lastSentAt = Math.max(s.lastSentAt ?? 0, Date.parse(str(d.sentAt) ?? event.recordedAt));
      break;
    }
    case 'StepEscalated': {
      const s = stepOf(track, d.step as Step);
      if (!s.escalated.includes(d.level as Level)) s.escalated.push(d.level as Level);
      break;
    }
    case 'StepDeadlineMissed':
      stepOf(track, d.step as Step).missed = true;
      break;
    case 'MobilityCompleted':
      track.status = 'completed';
      break;
    case 'MobilityCancelled':
      track.status = 'cancelled';
      break;
  }
  return true;
}

function stepOf(track: MobilityTrack, step: Step): StepTrack {
  return (track.steps[step] ??= { reminders: 0, escalated: [], missed: false });
}

export type Action =
  | { kind: 'remind'; version: number; role: Role; reminderNumber: number }
  | { kind: 'escalate'; version: number; role: Role; level: Level; afterReminders: number }
  | { kind: 'expire'; version: number; deadline: string }
  | { kind: 'step-reminder'; step: Step; reminderNumber: number; deadline?: string }
  | { kind: 'step-escalate'; step: Step; level: Level; afterReminders: number }
  | { kind: 'step-missed'; step: Step; deadline: string };

export interface Due {
  at: number;
  action: Action;
}

export const isFinished = (t: MobilityTrack) =>
  t.status === 'completed' || t.status === 'cancelled';

const midnight = (date: string) => Date.parse(`${date}T00:00:00.000Z`);

/** The signature deadline: the planned start minus the policy's margin. */
export function signatureDeadline(
  track: MobilityTrack,
  policy: ReminderPolicy,
): number | undefined {
  if (!track.plannedStart) return undefined;
  return midnight(track.plannedStart) - durationMs(policy.signatureDeadlineBeforeStart);
}

/** Everything the workflow should do, each with its time; the earliest is next. */
export function dueActions(track: MobilityTrack, policy: ReminderPolicy, head: boolean): Due[] {
  if (isFinished(track)) return [];
  const due: Due[] = [];
  const c = track.collection;
  if (track.status === 'planned' && c && !c.fullySigned && !c.declined && !c.expired) {
    const deadline = signatureDeadline(track, policy);
    if (deadline !== undefined)
      due.push({
        at: deadline,
        action: { kind: 'expire', version: c.version, deadline: new Date(deadline).toISOString() },
      });
    for (const role of c.required.filter((r) => !c.signed.includes(r))) {
      const sent = c.reminders[role] ?? 0;
      const levels = c.escalated[role] ?? [];
      if (sent >= policy.escalateAfter && !levels.includes('coordinator'))
        due.push({
          at: c.requestedAt,
          action: {
            kind: 'escalate',
            version: c.version,
            role,
            level: 'coordinator',
            afterReminders: sent,
          },
        });
      else if (head && sent >= policy.escalateToHeadAfter && !levels.includes('head'))
        due.push({
          at: c.requestedAt,
          action: {
            kind: 'escalate',
            version: c.version,
            role,
            level: 'head',
            afterReminders: sent,
          },
        });
      const at = outsideQuietHours(
        policy,
        Math.max(
          reminderDueAt(policy, c.requestedAt, sent + 1),
          (c.lastSentAt[role] ?? 0) + durationMs(policy.repeatEvery),
        ),
      );
      if (deadline === undefined || at < deadline)
        due.push({
          at,
          action: { kind: 'remind', version: c.version, role, reminderNumber: sent + 1 },
        });
    }
  }
  const step = (name: Step, since: number | undefined, deadline?: number) => {
    if (since === undefined) return;
    const s = track.steps[name] ?? { reminders: 0, escalated: [], missed: false };
    if (s.missed) return;
    if (deadline !== undefined)
      due.push({
        at: deadline,
        action: { kind: 'step-missed', step: name, deadline: new Date(deadline).toISOString() },
      });
    if (s.reminders >= policy.escalateAfter && !s.escalated.includes('coordinator'))
      due.push({
        at: since,
        action: {
          kind: 'step-escalate',
          step: name,
          level: 'coordinator',
          afterReminders: s.reminders,
        },
      });
    else if (head && s.reminders >= policy.escalateToHeadAfter && !s.escalated.includes('head'))
      due.push({
        at: since,
        action: { kind: 'step-escalate', step: name, level: 'head', afterReminders: s.reminders },
      });
    const at = outsideQuietHours(
      policy,
      Math.max(
        reminderDueAt(policy, since, s.reminders + 1),
        (s.lastSentAt ?? 0) + durationMs(policy.repeatEvery),
      ),
    );
    if (deadline === undefined || at < deadline)
      due.push({
        at,
        action: {
          kind: 'step-reminder',
          step: name,
          reminderNumber: s.reminders + 1,
          ...(deadline !== undefined && { deadline: new Date(deadline).toISOString() }),
        },
      });
  };
  const first = durationMs(policy.firstReminderAfter);
  // Timers at the planned dates: the coordinator hears when a ready mobility has not started on
  // its planned start, and when a running one has passed its planned end without being closed.
  if (track.status === 'planned' && c?.fullySigned && track.plannedStart)
    step('start', midnight(track.plannedStart) - first);
  if (track.status === 'under-way' && track.plannedEnd)
    step('end', midnight(track.plannedEnd) - first);
  if (track.status === 'ended' && track.actualEnd) {
    const endedOn = midnight(track.actualEnd);
    if (track.transcriptAt === undefined)
      step(
        'assessment',
        track.endedAt ?? endedOn,
        endedOn + durationMs(policy.assessmentDeadlineAfterEnd),
      );
    else if (track.units.some((u) => !track.decidedUnits.includes(u)))
      step(
        'recognition',
        track.transcriptAt,
        endedOn + durationMs(policy.recognitionDeadlineAfterEnd),
      );
  }
  return due.sort((a, b) => a.at - b.at);
}

/** What administrators filter on in the Temporal Web UI. */
export function phaseOf(track: MobilityTrack): string {
  const c = track.collection;
  if (track.status === 'planned') {
    if (!c) return 'preparation';
    if (c.declined) return 'agreement-declined';
    return c.fullySigned ? 'ready-to-start' : 'awaiting-signatures';
  }
  if (track.status === 'ended') {
    if (track.transcriptAt === undefined) return 'awaiting-assessment';
    return track.units.some((u) => !track.decidedUnits.includes(u))
      ? 'awaiting-recognition'
      : 'recognised';
  }
  return track.status;
}

export const isOverdue = (track: MobilityTrack) =>
  Boolean(track.collection?.expired && !track.collection.fullySigned) ||
  Object.values(track.steps).some((s) => s?.missed);
