import type { ApiClient } from './api-client';
import {
  COORDINATOR,
  HEADS,
  HOSTS,
  LEARNERS,
  MENTORS,
  QUALIFICATIONS,
  SCHOOL,
  type LearnerSeed,
} from './seed-data';

/** How far each learner's mobility is taken. */
export type Stage = 'awaiting-signatures' | 'under-way' | 'completed';
export type Stages = Record<LearnerSeed['key'], Stage>;

export const PARTNERSHIP_ID = 'rtrit-2026';
const INTENT = 'I have read this Learning Agreement and agree to it.';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Dates relative to today, so that the story reads the same whenever it runs: Annija came back
 * a fortnight ago, Juris is abroad, Ingus leaves in ten weeks.
 */
export function periodsFrom(
  today: string,
): Record<LearnerSeed['key'], { start: string; end: string }> {
  return {
    annija: { start: addDays(today, -76), end: addDays(today, -16) },
    juris: { start: addDays(today, -48), end: addDays(today, 68) },
    ingus: { start: addDays(today, 71), end: addDays(today, 159) },
  };
}

/** The MoU of the seed partnership (and of any other between the school and its hosts). */
export function mouContent(today: string) {
  return {
    qualifications: Object.values(QUALIFICATIONS).map((q) => ({
      qualificationId: q.qualificationId,
      qualificationVersion: 1,
      unitIds: q.units.map((u) => u.unitId),
    })),
    procedures: {
      assessment: 'The host’s mentor assesses each unit against its criteria at the workplace.',
      documentation: 'Assessment record and transcript issued by the host.',
      validation: 'The sending school’s methodological department validates the records.',
      recognition: 'Recognised as the module or part of the module named in the agreement.',
    },
    mentoring: 'A mentor on each side; weekly check-ins during the mobility.',
    plannedDurations: { minWeeks: 2, maxWeeks: 26 },
    validFrom: addDays(today, -82),
    validUntil: addDays(today, 2 * 365),
  };
}

/** The seed partnership's parties: the school sends, every host hosts. */
export const PARTIES = [
  { institutionId: SCHOOL.institutionId, role: 'sending' },
  ...Object.values(HOSTS).map((h) => ({ institutionId: h.institutionId, role: 'host' })),
];

/**
 * From partnership to recognition and credit, through the public API only, each step by the
 * account whose job it is (seed-data's DEMO_ACCOUNTS; `api` must have their tokens): the school's
 * coordinator runs the partnership, the call and the mobilities; each institution's head signs
 * the MoU and the Learning Agreements; a learner's or guardian's handwritten signature is recorded
 * by the coordinator; the host mentor records the check-ins and assessments, the host's head
 * issues the transcript. Every write carries an Idempotency-Key, so the scenario can run again
 * over its own data without changing anything.
 */
export async function runSeedsScenario(
  api: ApiClient,
  stages: Stages,
  log: (line: string) => void = () => undefined,
  today = new Date().toISOString().slice(0, 10),
): Promise<void> {
  const periods = periodsFrom(today);
  const coordinator = api.as(COORDINATOR.email);

  // The coordinator enters the school and its partners in the shared directory.
  log('institutions');
  for (const institution of [SCHOOL, ...Object.values(HOSTS)]) {
    await coordinator.write(
      'POST',
      '/institutions',
      `institution:${institution.institutionId}`,
      institution,
    );
  }
  await coordinator.write(
    'POST',
    `/institutions/${SCHOOL.institutionId}/contacts`,
    'contact:coordinator',
    {
      id: 'ilze-ozola',
      name: 'Ilze Ozola',
      role: 'mobility coordinator',
      email: 'ilze.ozola@example.lv',
    },
  );

  log('qualification catalogue');
  for (const q of Object.values(QUALIFICATIONS)) {
    const id = q.qualificationId;
    await coordinator.write('POST', '/qualifications', `qualification:${id}`, {
      qualificationId: id,
      title: q.title,
      eqfLevel: q.eqfLevel,
      nqfLevel: q.nqfLevel,
      programme: q.programme,
    });
    for (const m of q.modules)
      await coordinator.write(
        'POST',
        `/qualifications/${id}/modules`,
        `module:${id}:${m.moduleId}`,
        m,
      );
    for (const { unitId, ...unit } of q.units)
      await coordinator.write(
        'PUT',
        `/qualifications/${id}/units/${unitId}`,
        `unit:${id}:${unitId}`,
        unit,
      );
    await coordinator.write('POST', `/qualifications/${id}/versions`, `publish:${id}`);
  }

  log('partnership and Memorandum of Understanding');
  const parties = PARTIES;
  await coordinator.write('POST', '/partnerships', 'partnership', {
    partnershipId: PARTNERSHIP_ID,
    title: 'RTRIT ECVET mobilities 2026–2028',
    parties,
    coordinatorInstitutionId: SCHOOL.institutionId,
  });
  await coordinator.write('POST', `/partnerships/${PARTNERSHIP_ID}/mou`, 'mou:draft', {
    content: mouContent(today),
  });
  const mou = await coordinator.get<{ contentHash: string }>(
    `/partnerships/${PARTNERSHIP_ID}/mou/versions/1`,
  );
  // Each party's head signs for it, with their own account.
  for (const party of parties) {
    const head = HEADS[party.institutionId];
    await api
      .as(head.email)
      .write(
        'POST',
        `/partnerships/${PARTNERSHIP_ID}/mou/versions/1/signatures`,
        `mou:sign:${party.institutionId}`,
        {
          contentHash: mou.contentHash,
          institutionId: party.institutionId,
          signer: { name: head.name, role: 'director', email: head.email },
          authMethod: 'account',
          intent: 'We sign this Memorandum of Understanding on behalf of our institution.',
        },
      );
  }

  log('candidate selection (Ingus)');
  const ingus = LEARNERS.find((l) => l.key === 'ingus')!;
  const callId = 'call-fi-tourism';
  await coordinator.write('POST', '/calls', 'call:open', {
    callId,
    partnershipId: PARTNERSHIP_ID,
    sendingInstitutionId: SCHOOL.institutionId,
    hostInstitutionId: HOSTS.tourism.institutionId,
    country: 'FI',
    placement: 'Savo Vocational College, nature tourism department',
    qualificationId: QUALIFICATIONS.tourism.qualificationId,
    places: 2,
    applicationDeadline: addDays(today, 30),
    plannedStart: periods.ingus.start,
  });
  const app = `/calls/${callId}/applications/app-ingus`;
  await coordinator.write('POST', `/calls/${callId}/applications`, 'call:apply', {
    applicationId: 'app-ingus',
    learner: { ...ingus.learner, guardian: undefined },
    motivation: 'I want to learn how Finnish colleges build nature trails.',
  });
  await coordinator.write('POST', `${app}/evaluations`, 'call:evaluate', {
    evaluatorId: 'teacher-zane',
    priorLearning: { score: 8 },
    socialSkills: { score: 9 },
    personalQualities: { score: 8, note: 'independent, curious' },
  });
  await coordinator.write('POST', `${app}/interviews`, 'call:interview', {
    interviewers: ['Ilze Ozola', 'Zane Liepa'],
    heldOn: today,
    notes: 'Good English; has guided school excursions.',
  });
  await coordinator.write('POST', `${app}/decision`, 'call:decide', {
    decision: 'selected',
    reasons: 'Strong prior learning and motivation; suits the host’s project.',
    decidedBy: 'selection committee',
  });
  await coordinator.write('POST', `${app}/briefings`, 'call:brief', {
    topics: ['learning-outcomes', 'assessment', 'recognition', 'practicalities'],
    briefedBy: 'Ilze Ozola',
    heldOn: today,
  });
  // Ingus has no account: the coordinator records his acknowledgement of the briefing.
  await coordinator.write('POST', `${app}/briefing-acknowledgement`, 'call:ack');

  for (const seed of LEARNERS) {
    log(`mobility of ${seed.learner.name} → ${stages[seed.key]}`);
    await runMobility(
      api,
      seed,
      periods[seed.key],
      stages[seed.key],
      seed.key === 'ingus' ? callId : undefined,
    );
  }
}

/**
 * Signs version `version` (of content `contentHash`) of a seed mobility's Learning Agreement as
 * `role`: the heads of the sending school and the host with their own accounts (the API records
 * the account as the signer), the learner and the guardian on paper, which the coordinator
 * records.
 */
export function signAgreement(
  api: ApiClient,
  seed: LearnerSeed,
  version: number,
  contentHash: string,
  role: string,
  idempotencyKey: string,
): Promise<unknown> {
  const host = HOSTS[seed.host];
  const body = { contentHash, role, intent: INTENT };
  const path = `/mobilities/${seed.mobilityId}/learning-agreement/versions/${version}/signatures`;
  const head = { 'sending-school': HEADS[SCHOOL.institutionId], host: HEADS[host.institutionId] }[
    role
  ];
  if (head)
    return api.as(head.email).write('POST', path, idempotencyKey, {
      ...body,
      signer: { id: `head-${head.institutionId}`, name: head.name, email: head.email },
      authMethod: 'account',
    });
  const signer =
    role === 'learner'
      ? {
          id: `learner:${seed.learner.learnerId}`,
          name: seed.learner.name,
          email: seed.learner.email,
        }
      : {
          id: `guardian:${seed.learner.learnerId}`,
          name: seed.learner.guardian?.name ?? '',
          email: seed.learner.guardian?.email ?? 'none@example.org',
        };
  return api.as(COORDINATOR.email).write('POST', path, idempotencyKey, {
    ...body,
    signer,
    authMethod: 'handwritten',
  });
}

export async function runMobility(
  api: ApiClient,
  seed: LearnerSeed,
  period: { start: string; end: string },
  stage: Stage,
  callId?: string,
): Promise<void> {
  const q = QUALIFICATIONS[seed.qualification];
  const host = HOSTS[seed.host];
  const coordinator = api.as(COORDINATOR.email);
  const mentor = api.as(MENTORS[seed.key].email);
  const hostHead = api.as(HEADS[host.institutionId].email);
  const m = `/mobilities/${seed.mobilityId}`;
  const key = (step: string) => `${seed.mobilityId}:${step}`;
  await coordinator.write('POST', '/mobilities', key('plan'), {
    mobilityId: seed.mobilityId,
    partnershipId: PARTNERSHIP_ID,
    sendingInstitutionId: SCHOOL.institutionId,
    hostInstitutionId: host.institutionId,
    qualificationId: q.qualificationId,
    qualificationVersion: 1,
    ...(callId && { selection: { callId, applicationId: `app-${seed.key}` } }),
    learner: seed.learner,
    type: 'programme-module',
    plannedPeriod: period,
    targetedUnitIds: q.units.map((u) => u.unitId),
    lifeSkills: ['foreign-languages', 'cultural-awareness'],
    mentors: {
      sending: { name: 'Ilze Ozola', email: 'ilze.ozola@example.lv' },
      host: seed.hostMentor,
    },
    responsibilities: {
      sendingSchool: ['prepares and briefs the learner', 'validates and recognises the outcomes'],
      host: ['provides the workplace and a mentor', 'assesses the outcomes'],
      learner: ['follows the programme and the host’s rules', 'keeps a learning log'],
    },
    insurance: {
      provider: 'BTA Baltic Insurance',
      policyNumber: `BTA-${seed.key}-2026`,
      coverage: 'health, accident, civil liability',
    },
  });
  await coordinator.write('POST', `${m}/learning-agreement`, key('draft'));
  const agreement = await coordinator.get<{ contentHash: string; requiredSignatories: string[] }>(
    `${m}/learning-agreement/versions/1`,
  );
  const sign = (role: string) =>
    signAgreement(api, seed, 1, agreement.contentHash, role, key(`sign:${role}`));
  await sign('sending-school');
  await sign('host');
  if (stage === 'awaiting-signatures') return;
  for (const role of agreement.requiredSignatories.filter(
    (r) => r !== 'sending-school' && r !== 'host',
  ))
    await sign(role);

  await coordinator.write('POST', `${m}/start`, key('start'), { actualStart: period.start });
  await mentor.write('POST', `${m}/check-ins`, key('check-in'), {
    checkInId: 'week-2',
    mentor: 'host',
    heldOn: addDays(period.start, 14),
    channel: 'on-site',
    notes: 'Settled in; working to plan.',
    wellbeing: 'good',
  });
  if (stage === 'under-way') return;

  const assessor = {
    name: seed.hostMentor.name,
    role: 'workplace mentor',
    institutionId: host.institutionId,
  };
  await mentor.write('POST', `${m}/formative-assessments`, key('formative'), {
    assessmentId: 'mid-term',
    unitId: q.units[0].unitId,
    assessedOn: addDays(period.start, 21),
    feedback: 'On track; practise timing.',
    assessor,
  });
  for (const unit of q.units) {
    await mentor.write('PUT', `${m}/assessments/${unit.unitId}`, key(`assess:${unit.unitId}`), {
      result: 'achieved',
      grade: '9',
      scale: '1–10',
      criteriaResults: unit.assessmentCriteria.map((criterion) => ({ criterion, met: true })),
      evidence: [`portfolio/${seed.key}/${unit.unitId}`],
      assessor,
      assessedOn: addDays(period.end, -3),
    });
  }
  await coordinator.write('POST', `${m}/end`, key('end'), { actualEnd: period.end });
  await hostHead.write('POST', `${m}/transcript`, key('transcript'), {
    transcriptId: `tr-${seed.key}`,
    issuedOn: period.end,
    issuedBy: host.legalName,
  });
  for (const unit of q.units) {
    await coordinator.write(
      'PUT',
      `${m}/validations/${unit.unitId}`,
      key(`validate:${unit.unitId}`),
      {
        decision: 'validated',
        notes: 'Assessment record and evidence checked.',
        validatedBy: 'Methodological department',
        validatedOn: addDays(period.end, 3),
      },
    );
  }
  for (const [i, unit] of q.units.entries()) {
    await coordinator.write(
      'PUT',
      `${m}/recognitions/${unit.unitId}`,
      key(`recognise:${unit.unitId}`),
      {
        decision: i === 0 ? 'module' : 'part-of-module',
        moduleId: unit.moduleIds[0],
        ecvetPoints: unit.ecvetPoints,
        decidedBy: 'Deputy director for vocational education',
        decidedOn: addDays(period.end, 5),
      },
    );
  }
  await coordinator.write('POST', `${m}/certificate`, key('certificate'), {
    certificateId: `cert-${seed.key}`,
    issuedBy: SCHOOL.legalName,
    issuedOn: addDays(period.end, 6),
  });
  // The learner's feedback, as the coordinator collected it.
  await coordinator.write('POST', `${m}/feedback`, key('feedback'), {
    feedbackId: 'learner',
    from: 'learner',
    rating: 5,
    comments: 'I learnt a lot and want to go again.',
    submittedOn: addDays(period.end, 7),
  });
  await coordinator.write('POST', `${m}/completion`, key('complete'), {
    completedOn: addDays(period.end, 7),
  });
}
