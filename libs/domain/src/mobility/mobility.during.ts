import { canonical, sameContent } from '../shared/same-content';
import { ensure } from '../shared/domain-error';
import type {
  EndMobility,
  RecordFinalAssessment,
  RecordFormativeAssessment,
  RecordMentorCheckIn,
  ReportIncident,
} from './mobility.commands';
import { MobilityRules as R } from './mobility.errors';
import type { MobilityEvent } from './mobility.events';
import type { MobilityState } from './mobility.state';

/** "No assessment before the start": the mobility must be under way (or just ended). */
function ensureStarted(state: MobilityState, on: string): string {
  ensure(
    state.status === 'under-way' || state.status === 'ended',
    R.NotStarted,
    'the mobility has not started',
  );
  const start = state.actualStart!;
  ensure(on >= start, R.BeforeStartDate, `${on} is before the actual start ${start}`, {
    date: on,
    actualStart: start,
  });
  return start;
}

/** A record with its own id is written once; the same id with other content is refused. */
function once(state: MobilityState, id: string, event: MobilityEvent): MobilityEvent[] {
  const earlier = state.records.get(id);
  if (earlier === undefined) return [event];
  ensure(earlier === canonical(event.data), R.IdTaken, `${id} is recorded with other content`);
  return [];
}

function ensureTargeted(state: MobilityState, unitId: string) {
  const unit = state.plan?.terms.targetedUnits.find((u) => u.unitId === unitId);
  ensure(unit, R.UnitNotTargeted, `unit ${unitId} is not targeted by the current agreement`, {
    unitId,
  });
  return unit;
}

export function decideCheckIn(command: RecordMentorCheckIn, state: MobilityState): MobilityEvent[] {
  const data = command.data;
  ensureStarted(state, data.heldOn);
  return once(state, data.checkInId, { type: 'MentorCheckInRecorded', data });
}

export function decideIncident(command: ReportIncident, state: MobilityState): MobilityEvent[] {
  const data = command.data;
  ensureStarted(state, data.occurredOn);
  return once(state, data.incidentId, { type: 'IncidentReported', data });
}

export function decideFormative(
  command: RecordFormativeAssessment,
  state: MobilityState,
): MobilityEvent[] {
  const data = command.data;
  ensureStarted(state, data.assessedOn);
  ensureTargeted(state, data.unitId);
  return once(state, data.assessmentId, { type: 'FormativeAssessmentRecorded', data });
}

export function decideFinalAssessment(
  command: RecordFinalAssessment,
  state: MobilityState,
): MobilityEvent[] {
  const data = command.data;
  ensureStarted(state, data.assessedOn);
  const unit = ensureTargeted(state, data.unitId);
  const earlier = state.finalAssessments.get(data.unitId);
  if (earlier) {
    ensure(
      sameContent(earlier, data),
      R.AssessmentAlreadyRecorded,
      `unit ${data.unitId} has a final assessment already`,
    );
    return [];
  }
  ensure(
    data.assessor.institutionId === state.plan!.host.institutionId,
    R.AssessorNotHost,
    'the final assessment is made by the host',
    { assessorInstitutionId: data.assessor.institutionId },
  );
  const missing = unit.assessmentCriteria.filter(
    (criterion) => !data.criteriaResults.some((r) => r.criterion === criterion),
  );
  ensure(
    missing.length === 0,
    R.CriteriaIncomplete,
    'every assessment criterion of the unit needs a result',
    { missing },
  );
  return [{ type: 'FinalAssessmentRecorded', data }];
}

export function decideEnd(command: EndMobility, state: MobilityState): MobilityEvent[] {
  const d = command.data;
  if (state.status === 'ended' || state.status === 'completed') {
    ensure(
      state.actualEnd === d.actualEnd,
      R.AlreadyEnded,
      `the mobility ended on ${state.actualEnd}`,
    );
    return [];
  }
  ensure(state.status === 'under-way', R.NotStarted, 'the mobility has not started');
  ensure(d.actualEnd >= state.actualStart!, R.EndBeforeStart, 'the end is before the start', {
    actualStart: state.actualStart,
    actualEnd: d.actualEnd,
  });
  return [{ type: 'MobilityEnded', data: { mobilityId: d.mobilityId, actualEnd: d.actualEnd } }];
}
