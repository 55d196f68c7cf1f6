import { canonical, sameContent } from '../shared/same-content';
import { ensure } from '../shared/domain-error';
import type {
  CancelMobility,
  CompleteMobility,
  IssueCertificate,
  IssueTranscript,
  RecogniseUnit,
  SubmitFeedback,
  ValidateUnit,
} from './mobility.commands';
import { MobilityRules as R } from './mobility.errors';
import type { MobilityEvent, UnitRecognised } from './mobility.events';
import { unitIds, type MobilityState } from './mobility.state';

const same = sameContent;

export function decideTranscript(command: IssueTranscript, state: MobilityState): MobilityEvent[] {
  const d = command.data;
  if (state.transcriptId !== undefined) {
    ensure(state.transcriptId === d.transcriptId, R.IdTaken, 'a transcript is issued already');
    return [];
  }
  ensure(state.status === 'ended', R.NotEnded, 'the transcript follows the end of the mobility');
  const units = state.plan!.terms.targetedUnits;
  const missing = units.filter((u) => !state.finalAssessments.has(u.unitId)).map((u) => u.unitId);
  ensure(missing.length === 0, R.UnitsNotAssessed, 'every targeted unit needs a final assessment', {
    missing,
  });
  return [
    {
      type: 'TranscriptIssued',
      data: {
        mobilityId: d.mobilityId,
        transcriptId: d.transcriptId,
        issuedOn: d.issuedOn,
        issuedBy: d.issuedBy,
        units: units.map((u) => {
          const assessment = state.finalAssessments.get(u.unitId)!;
          return {
            unitId: u.unitId,
            title: u.title,
            result: assessment.result,
            ...(assessment.grade !== undefined && { grade: assessment.grade }),
          };
        }),
      },
    },
  ];
}

export function decideValidation(command: ValidateUnit, state: MobilityState): MobilityEvent[] {
  const data = command.data;
  ensure(state.transcriptId, R.TranscriptMissing, 'validation needs the host’s transcript');
  ensure(
    unitIds(state).includes(data.unitId),
    R.UnitNotTargeted,
    `unit ${data.unitId} is not targeted`,
  );
  const earlier = state.validations.get(data.unitId);
  if (earlier) {
    ensure(same(earlier, data), R.AlreadyValidated, `unit ${data.unitId} is validated already`);
    return [];
  }
  return [{ type: 'UnitValidated', data }];
}

export function decideRecognition(command: RecogniseUnit, state: MobilityState): MobilityEvent[] {
  const d = command.data;
  const plan = state.plan;
  ensure(plan, R.MustBePlanned, 'the mobility is not planned');
  const validation = state.validations.get(d.unitId);
  ensure(validation, R.NotValidated, `unit ${d.unitId} is not validated yet`, { unitId: d.unitId });
  const earlier = state.recognitions.get(d.unitId);
  if (earlier) {
    // A decided unit stays decided: only the very same decision again (a retry) is accepted.
    let again: MobilityEvent | undefined;
    try {
      again = recognitionEvent(command, state);
    } catch {
      again = undefined;
    }
    ensure(
      again !== undefined && same(earlier, again.data),
      R.AlreadyRecognised,
      `unit ${d.unitId} is decided already`,
    );
    return [];
  }
  const event = recognitionEvent(command, state);
  return [event];
}

function recognitionEvent(command: RecogniseUnit, state: MobilityState): MobilityEvent {
  const d = command.data;
  if (d.decision === 'refused') {
    ensure(
      (d.rationale ?? '').trim().length > 0,
      R.RationaleRequired,
      'refusing recognition needs a rationale',
    );
    return {
      type: 'UnitRecognitionRefused',
      data: {
        mobilityId: d.mobilityId,
        unitId: d.unitId,
        rationale: d.rationale!,
        refusedBy: d.decidedBy,
        refusedOn: d.decidedOn,
      },
    };
  }
  ensure(
    state.validations.get(d.unitId)!.decision === 'validated',
    R.NotValidated,
    `unit ${d.unitId} was not validated: only a refusal can follow`,
  );
  ensure(
    state.finalAssessments.get(d.unitId)?.result !== 'not-achieved',
    R.CannotRecogniseUnachieved,
    `unit ${d.unitId} was assessed as not achieved`,
  );
  const unit = state.plan!.terms.targetedUnits.find((u) => u.unitId === d.unitId)!;
  ensure(
    d.moduleId !== undefined && unit.moduleIds.includes(d.moduleId),
    R.ModuleNotEligible,
    `unit ${d.unitId} counts towards modules ${unit.moduleIds.join(', ')}`,
    { moduleId: d.moduleId, eligible: unit.moduleIds },
  );
  ensure(
    d.ecvetPoints === undefined ||
      (d.ecvetPoints >= 0 && (unit.ecvetPoints === undefined || d.ecvetPoints <= unit.ecvetPoints)),
    R.PointsExceedUnit,
    `at most ${unit.ecvetPoints} ECVET points can be booked for unit ${d.unitId}`,
    { ecvetPoints: d.ecvetPoints, unitPoints: unit.ecvetPoints },
  );
  const data: UnitRecognised['data'] = {
    mobilityId: d.mobilityId,
    learnerId: state.plan!.learner.learnerId,
    unitId: d.unitId,
    kind: d.decision,
    moduleId: d.moduleId,
    ...(d.ecvetPoints !== undefined && { ecvetPoints: d.ecvetPoints }),
    recognisedBy: d.decidedBy,
    recognisedOn: d.decidedOn,
  };
  return { type: 'UnitRecognised', data };
}

export function decideCertificate(
  command: IssueCertificate,
  state: MobilityState,
): MobilityEvent[] {
  const d = command.data;
  if (state.certificateId !== undefined) {
    ensure(
      state.certificateId === d.certificateId,
      R.CertificateAlreadyIssued,
      `certificate ${state.certificateId} is issued already`,
    );
    return [];
  }
  const pending = unitIds(state).filter((u) => !state.recognitions.has(u));
  ensure(pending.length === 0, R.RecognitionPending, 'every unit needs a recognition decision', {
    pending,
  });
  const recognised = state.plan!.terms.targetedUnits.flatMap((unit) => {
    const decision = state.recognitions.get(unit.unitId);
    if (!decision || !('kind' in decision)) return [];
    return [
      {
        unitId: unit.unitId,
        title: unit.title,
        kind: decision.kind,
        moduleId: decision.moduleId,
        ...(decision.ecvetPoints !== undefined && { ecvetPoints: decision.ecvetPoints }),
      },
    ];
  });
  ensure(recognised.length > 0, R.NothingRecognised, 'no unit was recognised: nothing to certify');
  return [
    {
      type: 'CertificateIssued',
      data: {
        mobilityId: d.mobilityId,
        certificateId: d.certificateId,
        issuedBy: d.issuedBy,
        issuedOn: d.issuedOn,
        units: recognised,
      },
    },
  ];
}

export function decideFeedback(command: SubmitFeedback, state: MobilityState): MobilityEvent[] {
  const data = command.data;
  ensure(
    state.status === 'ended' || state.status === 'completed',
    R.NotEnded,
    'feedback follows the end of the mobility',
  );
  ensure(
    Number.isInteger(data.rating) && data.rating >= 1 && data.rating <= 5,
    R.RatingRange,
    'the rating is 1 to 5',
  );
  const earlier = state.records.get(data.feedbackId);
  if (earlier !== undefined) {
    ensure(earlier === canonical(data), R.IdTaken, `${data.feedbackId} is recorded already`);
    return [];
  }
  return [{ type: 'FeedbackSubmitted', data }];
}

export function decideComplete(command: CompleteMobility, state: MobilityState): MobilityEvent[] {
  if (state.status === 'completed') return [];
  ensure(state.status === 'ended', R.NotEnded, 'the mobility has not ended');
  const pending = unitIds(state).filter((u) => !state.recognitions.has(u));
  ensure(pending.length === 0, R.RecognitionPending, 'every unit needs a recognition decision', {
    pending,
  });
  return [
    {
      type: 'MobilityCompleted',
      data: { mobilityId: command.data.mobilityId, completedOn: command.data.completedOn },
    },
  ];
}

export function decideCancel(command: CancelMobility, state: MobilityState): MobilityEvent[] {
  const d = command.data;
  if (state.status === 'cancelled') return [];
  ensure(
    state.status === 'planned' || state.status === 'under-way',
    R.AlreadyEnded,
    `a ${state.status} mobility cannot be cancelled`,
  );
  ensure(d.reason.trim().length > 0, R.AmendmentNeedsReason, 'cancelling needs a reason');
  return [
    {
      type: 'MobilityCancelled',
      data: { mobilityId: d.mobilityId, reason: d.reason, cancelledOn: d.cancelledOn },
    },
  ];
}
