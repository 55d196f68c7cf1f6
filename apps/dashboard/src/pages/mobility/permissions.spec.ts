import { mobilityActions, NO_ACTIONS, anyAction } from './permissions';
import type { MobilityView } from './types';

const mobility = (phase: MobilityView['phase'], extra: Partial<MobilityView> = {}): MobilityView =>
  ({
    mobilityId: 'm1',
    phase,
    sendingInstitution: { institutionId: 'rtrit' },
    host: { institutionId: 'hotel-sol' },
    mentors: { sending: { email: 'ilze@rtrit.example' }, host: { email: 'ana@sol.example' } },
    agreement: {
      version: 2,
      pendingSignatories: ['host', 'learner', 'guardian'],
    },
    ...extra,
  }) as MobilityView;

const who = (role: string, institutionId?: string, email = 'x@example') =>
  ({ role, institutionId, email }) as Parameters<typeof mobilityActions>[0];

describe('what the mobility page offers', () => {
  it('an auditor: nothing at all', () => {
    expect(mobilityActions(who('auditor'), mobility('awaiting-signatures'))).toEqual(NO_ACTIONS);
    expect(anyAction(NO_ACTIONS)).toBe(false);
  });

  it("the sending school's coordinator: fresh links, handwritten signatures, amend, cancel", () => {
    const a = mobilityActions(who('coordinator', 'rtrit'), mobility('awaiting-signatures'));
    expect(a.sendLink && a.amend && a.cancel).toBe(true);
    expect(a.recordHandwritten).toEqual(['learner', 'guardian']);
    expect(a.signAs).toEqual([]);
  });

  it("another school's coordinator: nothing", () => {
    expect(
      anyAction(mobilityActions(who('coordinator', 'other'), mobility('awaiting-signatures'))),
    ).toBe(false);
  });

  it("the host's head signs for the host; the host's mentor assesses but does not validate", () => {
    expect(
      mobilityActions(who('head', 'hotel-sol'), mobility('awaiting-signatures')).signAs,
    ).toEqual(['host']);
    const mentor = mobilityActions(
      who('mentor', 'hotel-sol', 'ANA@sol.example'),
      mobility('under-way'),
    );
    expect(mentor.assess && mentor.checkIn).toBe(true);
    expect(mentor.validate || mentor.cancel || mentor.sendLink).toBe(false);
  });

  it('a mentor not assigned to the mobility: nothing', () => {
    expect(
      anyAction(
        mobilityActions(who('mentor', 'hotel-sol', 'someone@sol.example'), mobility('under-way')),
      ),
    ).toBe(false);
  });

  it('the phase decides which step is offered', () => {
    const coordinator = who('coordinator', 'rtrit');
    expect(mobilityActions(coordinator, mobility('preparation')).draft).toBe(true);
    expect(mobilityActions(coordinator, mobility('ready-to-start')).start).toBe(true);
    expect(mobilityActions(coordinator, mobility('awaiting-recognition')).recognise).toBe(true);
    expect(anyAction(mobilityActions(coordinator, mobility('completed')))).toBe(false);
  });
});
