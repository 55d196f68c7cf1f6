import { givenFor } from '../../test/given';
import {
  AT,
  assessed,
  draft,
  end,
  finalAssessment,
  fullySigned,
  hashOf,
  partnership,
  plan,
  qualification,
  recognise,
  run,
  sign,
  start,
  transcript,
  unsignedPartnership,
  validate,
} from '../../test/mobility-fixtures';
import { fold } from '../shared/decider';
import { contentHash } from '../shared/content-hash';
import type { MobilityCommand, PlanMobility } from './mobility.commands';
import { mobilityDecider, mobilityPersonalFields } from './mobility.decider';
import { MobilityRules as R } from './mobility.errors';
import type { MobilityEvent } from './mobility.events';
import { mobilityPhase, pendingSignatories } from './mobility.state';

const given = givenFor(mobilityDecider);
const withPlan = (over: Partial<PlanMobility['data']>): PlanMobility => ({
  ...plan,
  data: { ...plan.data, ...over },
});
const planned = () => run([plan]);
const drafted = () => run([plan, draft]);
const underWay = () => run([start], fullySigned());
const amend = (
  changes: Extract<MobilityCommand, { type: 'AmendLearningAgreement' }>['data']['changes'],
  reason = 'host asked to change the period',
): MobilityCommand => ({
  type: 'AmendLearningAgreement',
  data: { mobilityId: 'm-1', changes, reason, partnership, qualification },
  at: AT,
});

describe('Mobility: planning', () => {
  it('records the plan with the units resolved from the pinned catalogue version', () =>
    given([])
      .when(plan)
      .thenMatches([
        {
          type: 'MobilityPlanned',
          data: {
            mobilityId: 'm-1',
            minor: false,
            longDuration: true,
            terms: {
              qualification: { qualificationId: 'cook', version: 2 },
              targetedUnits: [{ unitId: 'vegan' }, { unitId: 'legumes' }],
            },
          },
        },
      ]));
  it('planning the same mobility again records nothing', () =>
    given(planned()).when(plan).then([]));
  it('planning it again differently is refused', () =>
    given(planned())
      .when(withPlan({ targetedUnitIds: ['vegan'] }))
      .thenRejects(R.AlreadyPlanned));
  it('only targets units covered by the signed MoU', () =>
    given([])
      .when(withPlan({ targetedUnitIds: ['vegan', 'fish'] }))
      .thenRejects(R.UnitNotCoveredByMou));
  it('only targets units of the pinned qualification version', () =>
    given([])
      .when(withPlan({ targetedUnitIds: ['pastry'] }))
      .thenRejects(R.UnitNotInQualification));
  it('needs an MoU that is signed and valid on the planned start', () =>
    given([])
      .when(withPlan({ partnership: unsignedPartnership }))
      .thenRejects(R.MouNotSigned));
  it('needs an MoU still valid on the planned start, not an expired one', () =>
    given([])
      .when(withPlan({ plannedPeriod: { start: '2028-09-10', end: '2028-12-10' } }))
      .thenRejects(R.MouNotSigned));
  it('needs the host to be a host party of the partnership', () =>
    given([])
      .when(withPlan({ host: { ...plan.data.host, institutionId: 'stranger' } }))
      .thenRejects(R.InstitutionNotParty));
  it('needs the start before the end', () =>
    given([])
      .when(withPlan({ plannedPeriod: { start: '2027-05-01', end: '2027-03-01' } }))
      .thenRejects(R.PeriodInvalid));
  it('lasts at most 12 months', () =>
    given([])
      .when(withPlan({ plannedPeriod: { start: '2027-03-01', end: '2028-04-01' } }))
      .thenRejects(R.PeriodTooLong));
  it('needs at least one unit', () =>
    given([])
      .when(withPlan({ targetedUnitIds: [] }))
      .thenRejects(R.NoUnits));
  it('a minor needs a guardian', () =>
    given([])
      .when(withPlan({ learner: { ...plan.data.learner, dateOfBirth: '2010-01-01' } }))
      .thenRejects(R.MinorNeedsGuardian));
  it('a minor with a guardian is planned as a minor', () =>
    given([])
      .when(
        withPlan({
          learner: {
            ...plan.data.learner,
            dateOfBirth: '2010-01-01',
            guardian: { name: 'Dace Bērziņa', email: 'dace@example.lv' },
          },
        }),
      )
      .thenMatches([{ type: 'MobilityPlanned', data: { minor: true } }]));
  it('a learner from a call must have been selected', () =>
    given([])
      .when(
        withPlan({
          selection: {
            callId: 'c-1',
            applicationId: 'a-1',
            learnerId: 'annija',
            decision: 'reserve',
            briefingAcknowledged: false,
          },
        }),
      )
      .thenRejects(R.LearnerNotSelected));
  it('a short stay (under 3 months) is not long-duration', () =>
    given([])
      .when(withPlan({ plannedPeriod: { start: '2027-03-01', end: '2027-04-30' } }))
      .thenMatches([{ type: 'MobilityPlanned', data: { longDuration: false } }]));
  it('warns when the planned ECVET points do not fit the weeks', () =>
    given([])
      .when(withPlan({ plannedPeriod: { start: '2027-03-01', end: '2027-03-22' } }))
      .thenMatches([
        { type: 'MobilityPlanned' },
        {
          type: 'MobilityPlanWarningRaised',
          data: { code: 'ecvet-points-exceed-period', details: { points: 7, weeks: 3 } },
        },
      ]));
  it('warns when there is less than a week per unit', () =>
    given([])
      .when(withPlan({ plannedPeriod: { start: '2027-03-01', end: '2027-03-08' } }))
      .thenMatches([
        { type: 'MobilityPlanned' },
        { type: 'MobilityPlanWarningRaised', data: { code: 'ecvet-points-exceed-period' } },
        { type: 'MobilityPlanWarningRaised', data: { code: 'units-exceed-period' } },
      ]));
});

describe('Mobility: Learning Agreement versions', () => {
  it('the first version is drafted from the plan with its content hash', () => {
    const [event] = mobilityDecider.decide(draft, fold(mobilityDecider, planned()));
    expect(event.type).toBe('LearningAgreementVersionDrafted');
    if (event.type !== 'LearningAgreementVersionDrafted') return;
    expect(event.data.version).toBe(1);
    expect(event.data.contentHash).toBe(contentHash(event.data.content));
    expect(event.data.content.learner.name).toBe('Annija Bērziņa');
    expect(event.data.content.host.legalAddress).toBe('Carrer de Colón 1, València');
    expect(event.data.requiredSignatories).toEqual(['sending-school', 'host', 'learner']);
  });
  it('drafting again records nothing', () => given(drafted()).when(draft).then([]));
  it('cannot be drafted before the mobility is planned', () =>
    given([]).when(draft).thenRejects(R.MustBePlanned));
  it('a minor’s agreement needs the guardian too', () => {
    const minorPlan = withPlan({
      learner: {
        ...plan.data.learner,
        dateOfBirth: '2010-01-01',
        guardian: { name: 'Dace', email: 'dace@example.lv' },
      },
    });
    given(run([minorPlan]))
      .when(draft)
      .thenMatches([
        { data: { requiredSignatories: ['sending-school', 'host', 'learner', 'guardian'] } },
      ]);
  });
  it('an amendment makes a new version and voids the signatures of the old one', () => {
    const events = drafted();
    const signed = run([sign('host', 1, hashOf(events))], events);
    given(signed)
      .when(amend({ plannedPeriod: { start: '2027-03-01', end: '2027-06-15' } }))
      .thenMatches([
        {
          type: 'LearningAgreementVersionDrafted',
          data: {
            version: 2,
            voidedSignatures: ['host'],
            amendmentReason: 'host asked to change the period',
          },
        },
      ]);
  });
  it('an amendment that changes nothing records nothing', () =>
    given(drafted())
      .when(amend({ plannedPeriod: plan.data.plannedPeriod }))
      .then([]));
  it('an amendment needs a reason', () =>
    given(drafted())
      .when(amend({ lifeSkills: [] }, ' '))
      .thenRejects(R.AmendmentNeedsReason));
  it('an amendment cannot add a unit the MoU does not cover', () =>
    given(drafted())
      .when(amend({ targetedUnitIds: ['vegan', 'fish'] }))
      .thenRejects(R.UnitNotCoveredByMou));
  it('an amendment before any draft is refused', () =>
    given(planned())
      .when(amend({ lifeSkills: [] }))
      .thenRejects(R.AgreementMissing));
  it('an agreement cannot be amended after the mobility ended', () =>
    given(run([end], underWay()))
      .when(amend({ lifeSkills: [] }))
      .thenRejects(R.AmendAfterEnd));
});

describe('Mobility: Learning Agreement signatures', () => {
  it('a signature records who, how, when, the intent, IP and user agent on a version hash', () => {
    const events = drafted();
    given(events)
      .when(sign('learner', 1, hashOf(events)))
      .then([
        {
          type: 'LearningAgreementSigned',
          data: {
            mobilityId: 'm-1',
            version: 1,
            contentHash: hashOf(events),
            role: 'learner',
            signer: { id: 'learner-1', name: 'learner signer', email: 'learner@example.org' },
            authMethod: 'signing-link',
            intent: 'I agree to this Learning Agreement',
            ip: '192.0.2.1',
            userAgent: 'test',
            signedAt: AT,
          },
        },
      ]);
  });
  it('the last signature makes the agreement fully signed', () => {
    const events = drafted();
    const hash = hashOf(events);
    given(run([sign('sending-school', 1, hash), sign('host', 1, hash)], events))
      .when(sign('learner', 1, hash))
      .thenMatches([
        { type: 'LearningAgreementSigned' },
        { type: 'LearningAgreementFullySigned', data: { version: 1, contentHash: hash } },
      ]);
  });
  it('signing twice records nothing', () => {
    const events = drafted();
    given(run([sign('host', 1, hashOf(events))], events))
      .when(sign('host', 1, hashOf(events)))
      .then([]);
  });
  it('a signature on a hash other than the current version’s is refused', () =>
    given(drafted())
      .when(sign('host', 1, 'sha256:something-else'))
      .thenRejects(R.HashMismatch));
  it('a signature on a superseded version is refused', () => {
    const events = drafted();
    const v1 = hashOf(events);
    given(run([amend({ lifeSkills: ['foreign-languages'] })], events))
      .when(sign('host', 1, v1))
      .thenRejects(R.StaleVersion);
  });
  it('after an amendment everyone signs again', () => {
    const events = fullySigned();
    const amended = run([amend({ lifeSkills: ['foreign-languages'] })], events);
    const state = fold(mobilityDecider, amended);
    expect(pendingSignatories(state)).toEqual(['sending-school', 'host', 'learner']);
    expect(mobilityPhase(state)).toBe('awaiting-signatures');
  });
  it('a guardian does not sign an adult’s agreement', () => {
    const events = drafted();
    given(events)
      .when(sign('guardian', 1, hashOf(events)))
      .thenRejects(R.SignatoryNotRequired);
  });
  it('no signature before the partnership’s MoU is signed', () => {
    const events = drafted();
    given(events)
      .when(sign('host', 1, hashOf(events), { partnership: unsignedPartnership }))
      .thenRejects(R.SignatureMouNotSigned);
  });
  it('a declined version cannot be signed until amended', () => {
    const events = drafted();
    const declined = run(
      [
        {
          type: 'DeclineLearningAgreement',
          data: {
            mobilityId: 'm-1',
            version: 1,
            role: 'host',
            signer: { id: 'h', name: 'H', email: 'h@example.es' },
            reason: 'dates clash with the season',
          },
          at: AT,
        },
      ],
      events,
    );
    given(declined)
      .when(sign('learner', 1, hashOf(events)))
      .thenRejects(R.VersionDeclined);
  });
  it('declining needs a reason', () =>
    given(drafted())
      .when({
        type: 'DeclineLearningAgreement',
        data: {
          mobilityId: 'm-1',
          version: 1,
          role: 'host',
          signer: { id: 'h', name: 'H', email: 'h@example.es' },
          reason: '',
        },
        at: AT,
      })
      .thenRejects(R.DeclineNeedsReason));
  it('a signatory who signed cannot decline the same version', () => {
    const events = drafted();
    given(run([sign('host', 1, hashOf(events))], events))
      .when({
        type: 'DeclineLearningAgreement',
        data: {
          mobilityId: 'm-1',
          version: 1,
          role: 'host',
          signer: { id: 'h', name: 'H', email: 'h@example.es' },
          reason: 'changed my mind',
        },
        at: AT,
      })
      .thenRejects(R.AlreadySigned);
  });
});

describe('Mobility: start', () => {
  it('starts once the agreement is fully signed and the MoU is valid on the start date', () =>
    given(fullySigned())
      .when(start)
      .then([
        {
          type: 'MobilityStarted',
          data: {
            mobilityId: 'm-1',
            actualStart: '2027-03-01',
            agreementVersion: 1,
            mouVersion: 1,
          },
        },
      ]));
  it('cannot start before the agreement is fully signed', () =>
    given(drafted()).when(start).thenRejects(R.NotFullySigned));
  it('cannot start when the MoU is not valid on the start date', () =>
    given(fullySigned())
      .when({ ...start, data: { ...start.data, actualStart: '2028-09-01' } })
      .thenRejects(R.MouNotValidOnStart));
  it('cannot start once the partnership is terminated', () =>
    given(fullySigned())
      .when({
        ...start,
        data: { ...start.data, partnership: { ...partnership, terminatedOn: '2027-02-01' } },
      })
      .thenRejects(R.MouNotValidOnStart));
  it('starting again on the same date records nothing', () =>
    given(underWay()).when(start).then([]));
});

describe('Mobility: during', () => {
  it('no final assessment before the start', () =>
    given(fullySigned()).when(finalAssessment('vegan')).thenRejects(R.NotStarted));
  it('no assessment dated before the actual start', () => {
    const early = finalAssessment('vegan');
    if (early.type !== 'RecordFinalAssessment') throw new Error();
    given(underWay())
      .when({ ...early, data: { ...early.data, assessedOn: '2027-02-20' } })
      .thenRejects(R.BeforeStartDate);
  });
  it('the host assesses a targeted unit against each of its criteria', () =>
    given(underWay())
      .when(finalAssessment('vegan'))
      .thenMatches([
        { type: 'FinalAssessmentRecorded', data: { unitId: 'vegan', result: 'achieved' } },
      ]));
  it('a unit the agreement does not target cannot be assessed', () =>
    given(underWay()).when(finalAssessment('fish')).thenRejects(R.UnitNotTargeted));
  it('the final assessment is made by the host, not the sending school', () => {
    const c = finalAssessment('vegan');
    if (c.type !== 'RecordFinalAssessment') throw new Error();
    given(underWay())
      .when({
        ...c,
        data: { ...c.data, assessor: { ...c.data.assessor, institutionId: 'school' } },
      })
      .thenRejects(R.AssessorNotHost);
  });
  it('every assessment criterion needs a result', () => {
    const c = finalAssessment('vegan');
    if (c.type !== 'RecordFinalAssessment') throw new Error();
    given(underWay())
      .when({ ...c, data: { ...c.data, criteriaResults: c.data.criteriaResults.slice(1) } })
      .thenRejects(R.CriteriaIncomplete);
  });
  it('recording the same final assessment again records nothing', () =>
    given(run([finalAssessment('vegan')], underWay()))
      .when(finalAssessment('vegan'))
      .then([]));
  it('the same final assessment with its fields in another order records nothing (the store returns canonical JSON)', () => {
    const c = finalAssessment('vegan');
    if (c.type !== 'RecordFinalAssessment') throw new Error();
    const reordered = Object.fromEntries(Object.entries(c.data).reverse()) as typeof c.data;
    given(run([c], underWay()))
      .when({ ...c, data: reordered })
      .then([]);
  });
  it('a second, different final assessment of a unit is refused', () =>
    given(run([finalAssessment('vegan')], underWay()))
      .when(finalAssessment('vegan', 'partly-achieved'))
      .thenRejects(R.AssessmentAlreadyRecorded));
  it('mentor check-ins are recorded once per id', () => {
    const checkIn: MobilityCommand = {
      type: 'RecordMentorCheckIn',
      data: {
        mobilityId: 'm-1',
        checkInId: 'ci-1',
        mentor: 'host',
        heldOn: '2027-03-15',
        channel: 'on-site',
        notes: 'settled in well',
        wellbeing: 'good',
      },
      at: AT,
    };
    given(run([checkIn], underWay()))
      .when(checkIn)
      .then([]);
  });
  it('incidents cannot be reported before the start', () =>
    given(fullySigned())
      .when({
        type: 'ReportIncident',
        data: {
          mobilityId: 'm-1',
          incidentId: 'i-1',
          occurredOn: '2027-03-02',
          severity: 'low',
          description: 'lost key card',
          actionsTaken: 'replaced',
        },
        at: AT,
      })
      .thenRejects(R.NotStarted));
  it('the end cannot be before the start', () =>
    given(underWay())
      .when({ ...end, data: { ...end.data, actualEnd: '2027-02-01' } })
      .thenRejects(R.EndBeforeStart));
  it('the transcript needs every targeted unit assessed', () =>
    given(run([finalAssessment('vegan'), end], underWay()))
      .when(transcript)
      .thenRejects(R.UnitsNotAssessed));
  it('the transcript needs the mobility ended', () =>
    given(run([finalAssessment('vegan'), finalAssessment('legumes')], underWay()))
      .when(transcript)
      .thenRejects(R.NotEnded));
  it('the transcript lists each unit with its result', () =>
    given(
      run(
        [finalAssessment('vegan'), finalAssessment('legumes', 'partly-achieved'), end],
        underWay(),
      ),
    )
      .when(transcript)
      .thenMatches([
        {
          type: 'TranscriptIssued',
          data: {
            units: [
              { unitId: 'vegan', result: 'achieved' },
              { unitId: 'legumes', result: 'partly-achieved' },
            ],
          },
        },
      ]));
});

describe('Mobility: validation and recognition', () => {
  const validated = () => run([validate('vegan'), validate('legumes')], assessed());
  it('validation needs the transcript', () =>
    given(run([finalAssessment('vegan'), finalAssessment('legumes'), end], underWay()))
      .when(validate('vegan'))
      .thenRejects(R.TranscriptMissing));
  it('validating the same unit the same way again records nothing', () =>
    given(validated()).when(validate('vegan')).then([]));
  it('a unit is recognised as a module it can count towards', () =>
    given(validated())
      .when(recognise('legumes'))
      .then([
        {
          type: 'UnitRecognised',
          data: {
            mobilityId: 'm-1',
            learnerId: 'annija',
            unitId: 'legumes',
            kind: 'module',
            moduleId: 'm-hot-dishes',
            ecvetPoints: 3,
            recognisedBy: 'head-of-department',
            recognisedOn: '2027-06-15',
          },
        },
      ]));
  it('recognition needs validation first', () =>
    given(assessed()).when(recognise('vegan')).thenRejects(R.NotValidated));
  it('a module the unit does not count towards is refused', () =>
    given(validated())
      .when(recognise('legumes', { moduleId: 'm-special-diets' }))
      .thenRejects(R.ModuleNotEligible));
  it('more ECVET points than the unit carries are refused', () =>
    given(validated())
      .when(recognise('legumes', { ecvetPoints: 5 }))
      .thenRejects(R.PointsExceedUnit));
  it('refusing recognition needs a rationale', () =>
    given(validated())
      .when(recognise('vegan', { decision: 'refused', rationale: '' }))
      .thenRejects(R.RationaleRequired));
  it('a unit assessed as not achieved cannot be recognised', () => {
    const events = run(
      [
        start,
        finalAssessment('vegan', 'not-achieved'),
        finalAssessment('legumes'),
        end,
        transcript,
        validate('vegan'),
      ],
      fullySigned(),
    );
    given(events)
      .when(recognise('vegan', { moduleId: 'm-special-diets' }))
      .thenRejects(R.CannotRecogniseUnachieved);
  });
  it('a unit not validated can only be refused', () =>
    given(run([validate('vegan', 'not-validated')], assessed()))
      .when(recognise('vegan', { moduleId: 'm-special-diets' }))
      .thenRejects(R.NotValidated));
  it('recognising the same way twice records nothing', () =>
    given(run([recognise('legumes')], validated()))
      .when(recognise('legumes'))
      .then([]));
  it('a decided unit cannot be decided differently', () =>
    given(run([recognise('legumes')], validated()))
      .when(recognise('legumes', { decision: 'part-of-module' }))
      .thenRejects(R.AlreadyRecognised));
  it('the certificate waits for every recognition decision', () =>
    given(run([recognise('legumes')], validated()))
      .when({
        type: 'IssueCertificate',
        data: {
          mobilityId: 'm-1',
          certificateId: 'cert-1',
          issuedBy: 'school',
          issuedOn: '2027-06-20',
        },
        at: AT,
      })
      .thenRejects(R.RecognitionPending));
  it('the certificate lists the recognised units only', () =>
    given(
      run(
        [
          recognise('legumes'),
          recognise('vegan', {
            decision: 'refused',
            rationale: 'evidence incomplete',
            moduleId: undefined,
          }),
        ],
        validated(),
      ),
    )
      .when({
        type: 'IssueCertificate',
        data: {
          mobilityId: 'm-1',
          certificateId: 'cert-1',
          issuedBy: 'school',
          issuedOn: '2027-06-20',
        },
        at: AT,
      })
      .thenMatches([{ type: 'CertificateIssued', data: { units: [{ unitId: 'legumes' }] } }]));
  it('the mobility completes once every unit is decided', () => {
    const events = run(
      [recognise('legumes'), recognise('vegan', { moduleId: 'm-special-diets', ecvetPoints: 4 })],
      validated(),
    );
    expect(mobilityPhase(fold(mobilityDecider, events))).toBe('recognised');
    given(events)
      .when({
        type: 'CompleteMobility',
        data: { mobilityId: 'm-1', completedOn: '2027-06-30' },
        at: AT,
      })
      .thenMatches([{ type: 'MobilityCompleted' }]);
  });
  it('the mobility cannot complete while a recognition is pending', () =>
    given(validated())
      .when({
        type: 'CompleteMobility',
        data: { mobilityId: 'm-1', completedOn: '2027-06-30' },
        at: AT,
      })
      .thenRejects(R.RecognitionPending));
  it('feedback rates 1 to 5', () =>
    given(assessed())
      .when({
        type: 'SubmitFeedback',
        data: {
          mobilityId: 'm-1',
          feedbackId: 'f-1',
          from: 'learner',
          rating: 6,
          comments: '',
          submittedOn: '2027-06-02',
        },
        at: AT,
      })
      .thenRejects(R.RatingRange));
});

describe('Mobility: end states', () => {
  const cancel: MobilityCommand = {
    type: 'CancelMobility',
    data: { mobilityId: 'm-1', reason: 'learner withdrew', cancelledOn: '2027-02-01' },
    at: AT,
  };
  it('a cancelled mobility refuses further commands', () =>
    given(run([cancel], drafted()))
      .when(start)
      .thenRejects(R.Cancelled));
  it('cancelling twice records nothing', () =>
    given(run([cancel], drafted()))
      .when(cancel)
      .then([]));
  it('an ended mobility cannot be cancelled', () =>
    given(run([end], underWay()))
      .when(cancel)
      .thenRejects(R.AlreadyEnded));
  it('commands on an unplanned mobility are refused', () =>
    given([]).when(start).thenRejects(R.MustBePlanned));
});

describe('Mobility: personal data', () => {
  it('names the learner’s personal fields and the signers’ identities', () => {
    const events: MobilityEvent[] = drafted();
    expect(mobilityPersonalFields(events[0], 'annija')).toEqual({
      subject: 'learner-annija',
      fields: [
        'learner.name',
        'learner.dateOfBirth',
        'learner.email',
        'learner.phone',
        'learner.guardian',
        'terms.insurance',
      ],
    });
    const signed = run([sign('host', 1, hashOf(events))], events);
    expect(mobilityPersonalFields(signed[signed.length - 1], 'annija')?.fields).toContain(
      'signer.name',
    );
    expect(mobilityPersonalFields(run([start], fullySigned()).at(-1)!, 'annija')).toBeUndefined();
  });
});
