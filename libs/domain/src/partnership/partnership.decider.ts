import type { Decider } from '../shared/decider';
import { ensure } from '../shared/domain-error';
import type { PartnershipCommand } from './partnership.commands';
import type { PartnershipEvent } from './partnership.events';
import { PartnershipRules as R } from './partnership.errors';
import {
  decideAddPartner,
  decideEvaluate,
  decidePropose,
  decideRemovePartner,
  decideSetReminderPolicy,
  decideTerminate,
} from './partnership.decisions';
import {
  decideAmend,
  decideDecline,
  decideDraft,
  decideRenew,
  decideReview,
  decideSign,
} from './partnership.mou-decisions';
import { decidePartnershipReminder } from './partnership.reminders';
import {
  evolvePartnership,
  initialPartnershipState,
  type PartnershipState,
} from './partnership.state';

/**
 * The partnership and its Memorandum of Understanding. Decisions live in one file per phase
 * (parties, MoU versions, reminders); this file routes commands.
 */
export const partnershipDecider: Decider<PartnershipCommand, PartnershipEvent, PartnershipState> = {
  initialState: initialPartnershipState,
  evolve: evolvePartnership,
  decide(command, state) {
    if (command.type === 'ProposePartnership') return decidePropose(command, state);
    ensure(state.proposal, R.MustExist, 'the partnership has not been proposed');
    switch (command.type) {
      case 'AddPartner':
        return decideAddPartner(command, state);
      case 'RemovePartner':
        return decideRemovePartner(command, state);
      case 'DraftMou':
        return decideDraft(command, state);
      case 'AmendMou':
        return decideAmend(command, state);
      case 'SignMou':
        return decideSign(command, state);
      case 'DeclineMou':
        return decideDecline(command, state);
      case 'RenewMou':
        return decideRenew(command, state);
      case 'RecordMouReview':
        return decideReview(command, state);
      case 'TerminatePartnership':
        return decideTerminate(command, state);
      case 'EvaluatePartnership':
        return decideEvaluate(command, state);
      case 'SetReminderPolicy':
        return decideSetReminderPolicy(command, state);
      case 'SendMouSignatureReminder':
      case 'EscalateMouSignatureRequest':
      case 'ExpireMouSignatureRequest':
      case 'SendMouRenewalReminder':
      case 'EscalateMouRenewal':
        return decidePartnershipReminder(command, state);
    }
  },
};
