/**
 * The mobility's history in words: each event of `GET /mobilities/{id}/history` as a catalogue key
 * of the `mobility` namespace (`timeline.event.<Type>`, a variant after `_`) with its values, and
 * who did it. Pure, so that the wording is tested without a browser; the component translates.
 */

/** One event as the history answers it (libs/application GetHistoryQuery). */
export interface HistoryEntry {
  version: number;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  hash: string;
  personalDataErased: boolean;
}

/** A value to put into the sentence: text as is, a catalogue term, a day, a list of terms. */
export type Part =
  | { text: string }
  | { term: string }
  | { terms: string[] }
  | { day: string }
  | { unit: string }
  | { redacted: true };

export interface Described {
  /** The key in the `mobility` namespace. */
  key: string;
  values: Record<string, Part>;
}

export type ActorKind = 'workflow' | 'signing-link' | 'person' | 'unknown';

export interface TimelineActor {
  kind: ActorKind;
  id?: string;
  /** The account's role (common:role.* for people). */
  role?: string;
  institutionId?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field as text; a redacted or erased personal field (`{$redacted: true}`) says so. */
function text(value: unknown): Part {
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value) };
  return { redacted: true };
}
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): Part => ({ text: typeof value === 'number' ? String(value) : '?' });
const role = (value: unknown): Part => ({ term: `role.${str(value)}` });

/** Every event type of the mobility stream the page words (the rest: `timeline.event.unknown`). */
export const MOBILITY_EVENT_TYPES = [
  'MobilityPlanned',
  'MobilityPlanWarningRaised',
  'LearningAgreementVersionDrafted',
  'LearningAgreementSigned',
  'LearningAgreementDeclined',
  'LearningAgreementFullySigned',
  'MobilityStarted',
  'MentorCheckInRecorded',
  'IncidentReported',
  'FormativeAssessmentRecorded',
  'FinalAssessmentRecorded',
  'MobilityEnded',
  'TranscriptIssued',
  'UnitValidated',
  'UnitRecognised',
  'UnitRecognitionRefused',
  'CertificateIssued',
  'FeedbackSubmitted',
  'MobilityCompleted',
  'MobilityCancelled',
  'SignatureReminderSent',
  'SignatureRequestEscalated',
  'SignatureRequestExpired',
  'StepReminderSent',
  'StepEscalated',
  'StepDeadlineMissed',
  'SigningLinkReissued',
  'SigningLinkDisclosed',
] as const;

/** The sentence of one event. */
export function describeEvent(entry: Pick<HistoryEntry, 'type' | 'data'>): Described {
  const d = entry.data;
  const key = (variant?: string) => `timeline.event.${entry.type}${variant ? `_${variant}` : ''}`;
  const version = num(d.version);
  switch (entry.type) {
    case 'MobilityPlanned': {
      const period =
        isRecord(d.terms) && isRecord(d.terms.plannedPeriod) ? d.terms.plannedPeriod : {};
      return {
        key: key(),
        values: { start: { day: str(period.start) }, end: { day: str(period.end) } },
      };
    }
    case 'MobilityPlanWarningRaised':
      return { key: key(), values: { message: text(d.message) } };
    case 'LearningAgreementVersionDrafted':
      return typeof d.amendmentReason === 'string'
        ? { key: key('amended'), values: { version, reason: text(d.amendmentReason) } }
        : { key: key(), values: { version } };
    case 'LearningAgreementSigned':
      return {
        key: key(),
        values: {
          role: role(d.role),
          version,
          signer: text(isRecord(d.signer) ? d.signer.name : undefined),
          method: { term: `authMethod.${str(d.authMethod)}` },
        },
      };
    case 'LearningAgreementDeclined':
      return { key: key(), values: { role: role(d.role), version, reason: text(d.reason) } };
    case 'LearningAgreementFullySigned':
      return { key: key(), values: { version } };
    case 'MobilityStarted':
      return { key: key(), values: { date: { day: str(d.actualStart) } } };
    case 'MentorCheckInRecorded':
      return {
        key: key(),
        values: {
          mentor: { term: `mentorSide.${str(d.mentor)}` },
          channel: { term: `channel.${str(d.channel)}` },
          date: { day: str(d.heldOn) },
          wellbeing: { term: `wellbeing.${str(d.wellbeing)}` },
        },
      };
    case 'IncidentReported':
      return {
        key: key(),
        values: {
          severity: { term: `severity.${str(d.severity)}` },
          date: { day: str(d.occurredOn) },
        },
      };
    case 'FormativeAssessmentRecorded':
      return { key: key(), values: { unit: { unit: str(d.unitId) } } };
    case 'FinalAssessmentRecorded':
      return {
        key: key(),
        values: { unit: { unit: str(d.unitId) }, result: { term: `result.${str(d.result)}` } },
      };
    case 'MobilityEnded':
      return { key: key(), values: { date: { day: str(d.actualEnd) } } };
    case 'TranscriptIssued':
      return { key: key(), values: { by: text(d.issuedBy) } };
    case 'UnitValidated':
      return {
        key: key(d.decision === 'not-validated' ? 'not' : undefined),
        values: { unit: { unit: str(d.unitId) }, by: text(d.validatedBy) },
      };
    case 'UnitRecognised':
      return {
        key: key(d.kind === 'part-of-module' ? 'part' : undefined),
        values: { unit: { unit: str(d.unitId) }, module: text(d.moduleId) },
      };
    case 'UnitRecognitionRefused':
      return {
        key: key(),
        values: { unit: { unit: str(d.unitId) }, rationale: text(d.rationale) },
      };
    case 'CertificateIssued':
      return { key: key(), values: { by: text(d.issuedBy) } };
    case 'FeedbackSubmitted':
      return { key: key(), values: { from: role(d.from), rating: num(d.rating) } };
    case 'MobilityCompleted':
      return { key: key(), values: {} };
    case 'MobilityCancelled':
      return { key: key(), values: { reason: text(d.reason) } };
    case 'SignatureReminderSent':
      return { key: key(), values: { number: num(d.reminderNumber), role: role(d.role), version } };
    case 'SignatureRequestEscalated':
      return {
        key: key(),
        values: { role: role(d.role), version, level: { term: `level.${str(d.level)}` } },
      };
    case 'SignatureRequestExpired':
      return {
        key: key(),
        values: {
          version,
          deadline: { day: str(d.deadline).slice(0, 10) },
          roles: {
            terms: (Array.isArray(d.pendingRoles) ? d.pendingRoles : []).map(
              (r) => `role.${str(r)}`,
            ),
          },
        },
      };
    case 'StepReminderSent':
      return {
        key: key(),
        values: { number: num(d.reminderNumber), step: { term: `step.${str(d.step)}` } },
      };
    case 'StepEscalated':
      return {
        key: key(),
        values: { step: { term: `step.${str(d.step)}` }, level: { term: `level.${str(d.level)}` } },
      };
    case 'StepDeadlineMissed':
      return {
        key: key(),
        values: {
          step: { term: `step.${str(d.step)}` },
          deadline: { day: str(d.deadline).slice(0, 10) },
        },
      };
    case 'SigningLinkReissued':
    case 'SigningLinkDisclosed':
      return { key: key(), values: { role: role(d.role), version } };
    default:
      return { key: 'timeline.event.unknown', values: { type: { text: entry.type } } };
  }
}

/** Who did it, from the event's metadata (`actor`: id, role, institution, how they signed in). */
export function actorOf(entry: Pick<HistoryEntry, 'metadata'>): TimelineActor {
  const actor = entry.metadata.actor;
  if (!isRecord(actor)) return { kind: 'unknown' };
  const id = typeof actor.id === 'string' ? actor.id : undefined;
  const role = typeof actor.role === 'string' ? actor.role : undefined;
  const institutionId = typeof actor.institutionId === 'string' ? actor.institutionId : undefined;
  if (role === 'system' || id?.startsWith('system:')) return { kind: 'workflow', id };
  if (role === 'signatory' || actor.via === 'signing-link')
    return { kind: 'signing-link', ...(id && { id }) };
  return {
    kind: 'person',
    ...(id && { id }),
    ...(role && { role }),
    ...(institutionId && { institutionId }),
  };
}

/** The history as it stood at a stream version (the as-of view's: the version it folded to). */
export function historyUntil<T extends Pick<HistoryEntry, 'version'>>(
  entries: readonly T[],
  version: number,
): T[] {
  return entries.filter((e) => e.version <= version);
}
