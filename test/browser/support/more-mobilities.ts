import { AUDITOR, COORDINATOR, HOSTS, QUALIFICATIONS, SCHOOL } from '../../../infra/demo/seed-data';
import { PARTNERSHIP_ID } from '../../../infra/demo/seeds-scenario';
import { sleep } from '../../../infra/net';
import type { DashboardSystem } from './system';

/** A mobility added to the demo's three, so that a list has something to filter and sort. */
export interface ExtraMobility {
  mobilityId: string;
  learnerId: string;
  name: string;
  dateOfBirth: string;
  guardian?: { name: string; email: string };
  qualification: keyof typeof QUALIFICATIONS;
  host: keyof typeof HOSTS;
  /** Days from today to the planned start (the end is 60 days later). */
  startsIn: number;
  /** 'preparation': planned only; 'awaiting-signatures': the agreement drafted, nobody signed. */
  phase: 'preparation' | 'awaiting-signatures';
}

/**
 * Three more learners of the same school (invented): Eva planned only, Kārlis (a minor: his
 * guardian signs too) and Līga with their agreements drafted and unsigned. With the demo's
 * Annija, Juris and Ingus the first letters of the names are A, E, I, J, K, L — an order no
 * collation disputes.
 */
export const EXTRA_MOBILITIES: ExtraMobility[] = [
  {
    mobilityId: 'mob-eva',
    learnerId: 'eva-kalnina',
    name: 'Eva Kalniņa',
    dateOfBirth: '2005-11-03',
    qualification: 'cook',
    host: 'cook',
    startsIn: 120,
    phase: 'preparation',
  },
  {
    mobilityId: 'mob-karlis',
    learnerId: 'karlis-ozols',
    name: 'Kārlis Ozols',
    dateOfBirth: '2010-03-14',
    guardian: { name: 'Anna Ozola', email: 'anna.ozola@example.lv' },
    qualification: 'tourism',
    host: 'tourism',
    startsIn: 100,
    phase: 'awaiting-signatures',
  },
  {
    mobilityId: 'mob-liga',
    learnerId: 'liga-ozolina',
    name: 'Līga Ozoliņa',
    dateOfBirth: '2004-07-21',
    qualification: 'mechanic',
    host: 'mechanic',
    startsIn: 90,
    phase: 'awaiting-signatures',
  },
];

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Plans the extra mobilities through the API as the coordinator, as the demo plans its own. */
export async function addMobilities(
  system: DashboardSystem,
  extras: ExtraMobility[] = EXTRA_MOBILITIES,
): Promise<void> {
  const coordinator = system.api.as(COORDINATOR.email);
  for (const extra of extras) {
    const q = QUALIFICATIONS[extra.qualification];
    const host = HOSTS[extra.host];
    await coordinator.write('POST', '/mobilities', `${extra.mobilityId}:plan`, {
      mobilityId: extra.mobilityId,
      partnershipId: PARTNERSHIP_ID,
      sendingInstitutionId: SCHOOL.institutionId,
      hostInstitutionId: host.institutionId,
      qualificationId: q.qualificationId,
      qualificationVersion: 1,
      learner: {
        learnerId: extra.learnerId,
        name: extra.name,
        dateOfBirth: extra.dateOfBirth,
        email: `${extra.learnerId}@example.lv`,
        ...(extra.guardian && { guardian: extra.guardian }),
      },
      type: 'programme-module',
      plannedPeriod: { start: day(extra.startsIn), end: day(extra.startsIn + 60) },
      targetedUnitIds: q.units.map((u) => u.unitId),
      lifeSkills: ['foreign-languages'],
      mentors: {
        sending: { name: 'Ilze Ozola', email: 'ilze.ozola@example.lv' },
        // Not a demo account: no mentor of the demo sees these mobilities.
        host: {
          name: 'Host mentor',
          email: `tutor.${extra.learnerId}@${host.institutionId}.example`,
        },
      },
      responsibilities: {
        sendingSchool: ['prepares and briefs the learner'],
        host: ['provides the workplace and a mentor'],
        learner: ['follows the programme'],
      },
      insurance: {
        provider: 'BTA Baltic Insurance',
        policyNumber: `BTA-${extra.learnerId}`,
        coverage: 'health, accident, civil liability',
      },
    });
    if (extra.phase === 'awaiting-signatures')
      await coordinator.write(
        'POST',
        `/mobilities/${extra.mobilityId}/learning-agreement`,
        `${extra.mobilityId}:draft`,
      );
  }
  await dashboardShows(system, extras);
}

/** Waits until the dashboard's read model lists every extra mobility in its phase. */
async function dashboardShows(system: DashboardSystem, extras: ExtraMobility[]): Promise<void> {
  const auditor = system.api.as(AUDITOR.email);
  let last = '';
  for (let i = 0; i < 300; i++) {
    const list = await auditor.get<{ items: Array<{ mobilityId: string; phase: string }> }>(
      '/dashboard/mobilities?limit=200',
    );
    const phases = new Map(list.items.map((row) => [row.mobilityId, row.phase]));
    if (extras.every((e) => phases.get(e.mobilityId) === e.phase)) return;
    last = JSON.stringify([...phases]);
    await sleep(100);
  }
  throw new Error(`the dashboard did not list the extra mobilities: ${last}`);
}
