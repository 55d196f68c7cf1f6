import { sameContent } from '../shared/same-content';
import { contentHash } from '../shared/content-hash';
import { addDays, ageOn, daysBetween, isIsoDate, monthsBetween } from '../shared/dates';
import { ensure } from '../shared/domain-error';
import {
  mouInForce,
  type PartnershipSnapshot,
  type QualificationSnapshot,
  type SelectionSnapshot,
} from '../shared/snapshots';
import type {
  AmendLearningAgreement,
  DraftLearningAgreement,
  PlanMobility,
  PlannedTerms,
} from './mobility.commands';
import { MobilityRules as R } from './mobility.errors';
import type {
  AgreementTerms,
  LearnerDetails,
  LearningAgreementContent,
  MobilityEvent,
  MobilityPlanWarningRaised,
  SignatoryRole,
} from './mobility.events';
import type { MobilityState } from './mobility.state';

/** ECVET's convention: 60 points for a year of full-time VET. */
const ECVET_POINTS_PER_WEEK = 60 / 52;

export function decidePlan(command: PlanMobility, state: MobilityState): MobilityEvent[] {
  const d = command.data;
  const terms = termsFrom(
    d,
    d.qualification,
    d.partnership,
    d.sendingInstitution.institutionId,
    d.host.institutionId,
  );
  if (state.plan) {
    const same =
      sameContent(state.plan.terms, terms) &&
      sameContent(state.plan.learner, d.learner) &&
      state.plan.partnershipId === d.partnershipId;
    ensure(same, R.AlreadyPlanned, `mobility ${d.mobilityId} is already planned differently`);
    return [];
  }
  checkSelection(d.selection, d.learner);
  const minor = isMinor(d.learner, terms.plannedPeriod.start);
  return [
    {
      type: 'MobilityPlanned',
      data: {
        mobilityId: d.mobilityId,
        partnershipId: d.partnershipId,
        ...(d.selection && {
          selection: { callId: d.selection.callId, applicationId: d.selection.applicationId },
        }),
        sendingInstitution: d.sendingInstitution,
        host: d.host,
        learner: d.learner,
        terms,
        // The end date is the last day abroad: 1 March – 31 May is three months.
        longDuration:
          monthsBetween(terms.plannedPeriod.start, addDays(terms.plannedPeriod.end, 1)) >= 3,
        minor,
        plannedAt: command.at,
      },
    },
    ...volumeWarnings(d.mobilityId, terms),
  ];
}

export function decideDraft(
  command: DraftLearningAgreement,
  state: MobilityState,
): MobilityEvent[] {
  const plan = state.plan;
  ensure(plan, R.MustBePlanned, 'the mobility is not planned');
  ensure(state.status === 'planned', R.AlreadyStarted, 'the mobility has already started');
  const content = contentOf(state, plan.terms, plan.learner, state.agreement?.version ?? 1);
  if (state.agreement) {
    // Compared as content, as recorded and upcast (not by its hash: an agreement recorded in an
    // older schema keeps the hash that was signed over its recorded shape; see mobility.codec.ts).
    ensure(
      sameContent(state.agreement.content, content),
      R.AgreementAlreadyDrafted,
      'the agreement is drafted already; amend it to change it',
    );
    return [];
  }
  return [drafted(command.data.mobilityId, 1, content, plan.minor, [], command.at)];
}

export function decideAmend(
  command: AmendLearningAgreement,
  state: MobilityState,
): MobilityEvent[] {
  const d = command.data;
  const plan = state.plan;
  ensure(plan, R.MustBePlanned, 'the mobility is not planned');
  ensure(state.agreement, R.AgreementMissing, 'there is no agreement to amend yet');
  ensure(
    state.status === 'planned' || state.status === 'under-way',
    R.AmendAfterEnd,
    `an agreement cannot be amended once the mobility is ${state.status}`,
  );
  ensure(d.reason.trim().length > 0, R.AmendmentNeedsReason, 'an amendment needs a reason');
  const current = plan.terms;
  const changes = d.changes;
  const planned: PlannedTerms = {
    type: changes.type ?? current.type,
    plannedPeriod: changes.plannedPeriod ?? current.plannedPeriod,
    targetedUnitIds: changes.targetedUnitIds ?? current.targetedUnits.map((u) => u.unitId),
    lifeSkills: changes.lifeSkills ?? current.lifeSkills,
    mentors: changes.mentors ?? current.mentors,
    responsibilities: changes.responsibilities ?? current.responsibilities,
    insurance: changes.insurance ?? current.insurance,
  };
  ensure(
    d.qualification.qualificationId === current.qualification.qualificationId &&
      d.qualification.version === current.qualification.version,
    R.UnitNotInQualification,
    'an amendment keeps the qualification version the mobility pinned',
  );
  const terms = termsFrom(
    planned,
    d.qualification,
    d.partnership,
    plan.sendingInstitution.institutionId,
    plan.host.institutionId,
  );
  const learner: LearnerDetails = { ...plan.learner, ...changes.learnerContact };
  const minor = isMinor(learner, terms.plannedPeriod.start);
  const unchanged = contentOf(state, terms, learner, state.agreement.version);
  if (contentHash(unchanged) === state.agreement.contentHash) return [];
  const content = { ...unchanged, version: state.agreement.version + 1 };
  const voided = [...state.agreement.signatures.keys()];
  return [
    drafted(
      d.mobilityId,
      state.agreement.version + 1,
      content,
      minor,
      voided,
      command.at,
      d.reason,
    ),
    ...volumeWarnings(d.mobilityId, terms).filter((w) => !state.warnings.includes(w.data.code)),
  ];
}

function drafted(
  mobilityId: string,
  version: number,
  content: LearningAgreementContent,
  minor: boolean,
  voidedSignatures: SignatoryRole[],
  at: string,
  amendmentReason?: string,
): MobilityEvent {
  const requiredSignatories: SignatoryRole[] = ['sending-school', 'host', 'learner'];
  if (minor) requiredSignatories.push('guardian');
  return {
    type: 'LearningAgreementVersionDrafted',
    data: {
      mobilityId,
      version,
      content,
      contentHash: contentHash(content),
      requiredSignatories,
      voidedSignatures,
      ...(amendmentReason !== undefined && { amendmentReason }),
      draftedAt: at,
    },
  };
}

function contentOf(
  state: MobilityState,
  terms: AgreementTerms,
  learner: LearnerDetails,
  version: number,
): LearningAgreementContent {
  const plan = state.plan!;
  return {
    mobilityId: plan.mobilityId,
    version,
    sendingInstitution: plan.sendingInstitution,
    host: plan.host,
    learner,
    ...terms,
  };
}

/** Checks the planned terms against the catalogue and the MoU, and resolves the units. */
function termsFrom(
  planned: PlannedTerms,
  qualification: QualificationSnapshot,
  partnership: PartnershipSnapshot,
  sendingInstitutionId: string,
  hostInstitutionId: string,
): AgreementTerms {
  const { start, end } = planned.plannedPeriod;
  ensure(
    isIsoDate(start) && isIsoDate(end) && start < end,
    R.PeriodInvalid,
    'the planned period needs ISO dates with the start before the end',
    { start, end },
  );
  ensure(daysBetween(start, end) <= 366, R.PeriodTooLong, 'a mobility lasts at most 12 months', {
    start,
    end,
  });
  ensure(planned.targetedUnitIds.length > 0, R.NoUnits, 'target at least one unit');
  for (const [institutionId, role] of [
    [sendingInstitutionId, 'sending'],
    [hostInstitutionId, 'host'],
  ] as const) {
    ensure(
      partnership.parties.some((p) => p.institutionId === institutionId && p.role === role),
      R.InstitutionNotParty,
      `institution ${institutionId} is not a ${role} party of partnership ${partnership.partnershipId}`,
      { institutionId, role },
    );
  }
  const mou = mouInForce(partnership, start);
  ensure(
    mou,
    R.MouNotSigned,
    `no signed MoU of partnership ${partnership.partnershipId} is valid on ${start}`,
  );
  const covered = new Set(
    mou.qualifications
      .filter((q) => q.qualificationId === qualification.qualificationId)
      .flatMap((q) => q.unitIds),
  );
  const targetedUnits = planned.targetedUnitIds.map((unitId) => {
    const unit = qualification.units.find((u) => u.unitId === unitId);
    ensure(
      unit,
      R.UnitNotInQualification,
      `unit ${unitId} is not in version ${qualification.version} of ${qualification.qualificationId}`,
      { unitId },
    );
    ensure(
      covered.has(unitId),
      R.UnitNotCoveredByMou,
      `unit ${unitId} is not covered by MoU version ${mou.version}`,
      { unitId, mouVersion: mou.version },
    );
    return unit;
  });
  const { units: _units, ...pinned } = qualification;
  return {
    type: planned.type,
    plannedPeriod: planned.plannedPeriod,
    qualification: pinned,
    targetedUnits,
    lifeSkills: planned.lifeSkills,
    mentors: planned.mentors,
    responsibilities: planned.responsibilities,
    insurance: planned.insurance,
  };
}

function checkSelection(selection: SelectionSnapshot | undefined, learner: LearnerDetails): void {
  if (!selection) return;
  ensure(
    selection.decision === 'selected' && selection.learnerId === learner.learnerId,
    R.LearnerNotSelected,
    `application ${selection.applicationId} is not a selected application of this learner`,
    { applicationId: selection.applicationId, decision: selection.decision },
  );
}

function isMinor(learner: LearnerDetails, on: string): boolean {
  ensure(isIsoDate(learner.dateOfBirth), R.PeriodInvalid, 'the date of birth must be an ISO date');
  const minor = ageOn(learner.dateOfBirth, on) < 18;
  ensure(
    !minor || learner.guardian !== undefined,
    R.MinorNeedsGuardian,
    'the learner is under 18 on the planned start: name a parent or guardian who signs too',
  );
  return minor;
}

/** "Critically check that the outcomes fit the time available" (domain.md): warnings, not errors. */
function volumeWarnings(mobilityId: string, terms: AgreementTerms): MobilityPlanWarningRaised[] {
  const weeks = daysBetween(terms.plannedPeriod.start, terms.plannedPeriod.end) / 7;
  const points = terms.targetedUnits.reduce((sum, u) => sum + (u.ecvetPoints ?? 0), 0);
  const warnings: MobilityPlanWarningRaised[] = [];
  const allowed = Math.round(weeks * ECVET_POINTS_PER_WEEK * 10) / 10;
  if (points > allowed) {
    warnings.push({
      type: 'MobilityPlanWarningRaised',
      data: {
        mobilityId,
        code: 'ecvet-points-exceed-period',
        message: `${points} ECVET points planned; ${Math.round(weeks * 10) / 10} weeks allow about ${allowed}`,
        details: { points, weeks: Math.round(weeks * 10) / 10, allowed },
      },
    });
  }
  if (terms.targetedUnits.length > Math.max(1, Math.floor(weeks))) {
    warnings.push({
      type: 'MobilityPlanWarningRaised',
      data: {
        mobilityId,
        code: 'units-exceed-period',
        message: `${terms.targetedUnits.length} units in ${Math.round(weeks * 10) / 10} weeks: less than a week per unit`,
        details: { units: terms.targetedUnits.length, weeks: Math.round(weeks * 10) / 10 },
      },
    });
  }
  return warnings;
}
