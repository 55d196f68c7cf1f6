import { meanScore, stageOf, type Application } from './types';

const application = (extra: Partial<Application> = {}): Application => ({
  applicationId: 'a1',
  learner: { learnerId: 'l1', name: 'Annija' },
  motivation: '',
  evaluations: [],
  interviews: [],
  decision: 'pending',
  withdrawn: false,
  briefed: false,
  briefingAcknowledged: false,
  ...extra,
});
const evaluation = (score: number) => ({
  applicationId: 'a1',
  evaluatorId: 'e',
  priorLearning: { score },
  socialSkills: { score },
  personalQualities: { score: score + 1 },
});

describe('the selection pipeline', () => {
  it('puts each application in one stage', () => {
    expect(stageOf(application())).toBe('submitted');
    expect(stageOf(application({ evaluations: [evaluation(7)] }))).toBe('evaluated');
    expect(
      stageOf(
        application({
          evaluations: [evaluation(7)],
          interviews: [
            { applicationId: 'a1', interviewers: ['x'], heldOn: '2027-01-01', notes: '' },
          ],
        }),
      ),
    ).toBe('interviewed');
    expect(stageOf(application({ decision: 'reserve' }))).toBe('reserve');
    expect(stageOf(application({ decision: 'selected', withdrawn: true }))).toBe('withdrawn');
  });

  it('the mean score of every evaluator, one decimal', () => {
    expect(meanScore(application())).toBeUndefined();
    expect(meanScore(application({ evaluations: [evaluation(7), evaluation(8)] }))).toBe(7.8);
  });
});
