import {
  COORDINATOR,
  HEADS,
  HOSTS,
  LEARNERS,
  MENTORS,
  QUALIFICATIONS,
  SCHOOL,
} from '../../infra/demo/seed-data';
import { PARTNERSHIP_ID } from '../../infra/demo/seeds-scenario';
import type { Http } from './http';

/**
 * One mobility's commands as the demo's people send them (infra/demo/seeds-scenario.ts, Annija's
 * path): the coordinator plans it and drafts its Learning Agreement; the school's and the host's
 * heads sign with their accounts, the coordinator records the learner's handwritten signature;
 * the coordinator starts it; the host mentor assesses its two units. Eight commands; after the
 * draft one read (the agreement's content hash, which every signature must quote), not counted.
 */
export const STEPS = [
  'plan',
  'draft',
  'sign',
  'sign',
  'sign',
  'start',
  'assess',
  'assess',
] as const;
export type StepName = (typeof STEPS)[number];

const SEED = LEARNERS[0];
const QUALIFICATION = QUALIFICATIONS[SEED.qualification];
const HOST = HOSTS[SEED.host];
const INTENT = 'I have read this Learning Agreement and agree to it.';
const SIGNERS = ['sending-school', 'host', 'learner'] as const;

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export interface CommandOutcome {
  step: StepName;
  ms: number;
  /** The stream version the write returned. */
  version: number;
}

export class MobilityScript {
  private step = 0;
  private contentHash = '';
  private readonly tokenOf: (email: string) => string;

  constructor(
    readonly mobilityId: string,
    tokenOf: (email: string) => string,
  ) {
    this.tokenOf = tokenOf;
  }

  get done(): boolean {
    return this.step >= STEPS.length;
  }

  get nextStep(): StepName {
    return STEPS[this.step];
  }

  /** Stops after the draft: the signatures are the round trip's to send. */
  get drafted(): boolean {
    return this.step >= 2;
  }

  get path(): string {
    return `/mobilities/${this.mobilityId}`;
  }

  /** Sends the next command (and, after the draft, reads the content hash). */
  async next(http: Http): Promise<CommandOutcome> {
    const index = this.step++;
    const name = STEPS[index];
    const { method, path, email, body } = this.command(index);
    const key = `${this.mobilityId}:${index}`;
    const res = await http.ok<{ version: number }>(method, path, this.tokenOf(email), body, key);
    if (name === 'draft') {
      const agreement = await http.ok<{ contentHash: string }>(
        'GET',
        `${this.path}/learning-agreement/versions/1`,
        this.tokenOf(COORDINATOR.email),
      );
      this.contentHash = agreement.value.contentHash;
    }
    return { step: name, ms: res.ms, version: res.value.version };
  }

  private command(index: number): {
    method: string;
    path: string;
    email: string;
    body?: unknown;
  } {
    const m = this.path;
    switch (STEPS[index]) {
      case 'plan':
        return { method: 'POST', path: '/mobilities', email: COORDINATOR.email, body: this.plan() };
      case 'draft':
        return { method: 'POST', path: `${m}/learning-agreement`, email: COORDINATOR.email };
      case 'sign':
        return this.signature(SIGNERS[index - 2]);
      case 'start':
        return {
          method: 'POST',
          path: `${m}/start`,
          email: COORDINATOR.email,
          body: { actualStart: day(-10) },
        };
      case 'assess': {
        const unit = QUALIFICATION.units[index - 6];
        return {
          method: 'PUT',
          path: `${m}/assessments/${unit.unitId}`,
          email: MENTORS[SEED.key].email,
          body: {
            result: 'achieved',
            grade: '9',
            scale: '1–10',
            criteriaResults: unit.assessmentCriteria.map((criterion) => ({ criterion, met: true })),
            evidence: [`portfolio/${this.mobilityId}/${unit.unitId}`],
            assessor: {
              name: SEED.hostMentor.name,
              role: 'workplace mentor',
              institutionId: HOST.institutionId,
            },
            assessedOn: day(0),
          },
        };
      }
    }
  }

  private signature(role: (typeof SIGNERS)[number]) {
    const path = `${this.path}/learning-agreement/versions/1/signatures`;
    const body = { contentHash: this.contentHash, role, intent: INTENT };
    if (role === 'learner')
      return {
        method: 'POST',
        path,
        email: COORDINATOR.email,
        body: {
          ...body,
          signer: { id: `learner:${this.learnerId}`, name: 'Bench Learner', email: this.email },
          authMethod: 'handwritten',
        },
      };
    const head = HEADS[role === 'host' ? HOST.institutionId : SCHOOL.institutionId];
    return {
      method: 'POST',
      path,
      email: head.email,
      body: {
        ...body,
        signer: { id: `head-${head.institutionId}`, name: head.name, email: head.email },
        authMethod: 'account',
      },
    };
  }

  private get learnerId(): string {
    return `learner-${this.mobilityId}`;
  }

  private get email(): string {
    return `${this.mobilityId}@learners.example`;
  }

  private plan() {
    return {
      mobilityId: this.mobilityId,
      partnershipId: PARTNERSHIP_ID,
      sendingInstitutionId: SCHOOL.institutionId,
      hostInstitutionId: HOST.institutionId,
      qualificationId: QUALIFICATION.qualificationId,
      qualificationVersion: 1,
      learner: {
        learnerId: this.learnerId,
        name: `Learner ${this.mobilityId}`,
        dateOfBirth: '2005-04-02',
        email: this.email,
      },
      type: 'programme-module',
      plannedPeriod: { start: day(-10), end: day(50) },
      targetedUnitIds: QUALIFICATION.units.map((u) => u.unitId),
      lifeSkills: ['foreign-languages', 'cultural-awareness'],
      mentors: {
        sending: { name: 'Ilze Ozola', email: 'ilze.ozola@example.lv' },
        host: SEED.hostMentor,
      },
      responsibilities: {
        sendingSchool: ['prepares and briefs the learner'],
        host: ['provides the workplace and a mentor'],
        learner: ['keeps a learning log'],
      },
      insurance: {
        provider: 'BTA Baltic Insurance',
        policyNumber: `BTA-${this.mobilityId}`,
        coverage: 'health, accident, civil liability',
      },
    };
  }
}
