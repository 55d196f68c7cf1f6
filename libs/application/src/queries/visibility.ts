import { Injectable } from '@nestjs/common';
import type {
  AccountState,
  CallState,
  LearnerRecordState,
  MobilityState,
  PartnershipState,
} from '@ecvet/domain';
import { StreamNotFound } from '@ecvet/event-store';
import type { Principal } from '@ecvet/identity';
import { LearnerRecordService } from '../learner/learner-record.service';
import { POLICY, type Guarded } from '../access/policy';
import type { Relations } from '../access/relations';
import {
  callRelations,
  catalogueRelations,
  institutionRelations,
  mobilityRelations,
  partnershipRelations,
} from '../access/relations-of';

/** The policy's name of each stream category. */
const GUARDED: Record<string, Guarded> = {
  Mobility: 'Mobility',
  Partnership: 'Partnership',
  Call: 'Call',
  Institution: 'Institution',
  Qualification: 'Qualification',
  Learner: 'Learner',
  Account: 'Account',
};

/**
 * Who may read what: the `read` rule of the policy table, on the object's relations as its
 * stream stands. An object the principal may not read answers 404 — the same as one that does
 * not exist, so nothing is revealed. Internal readers (no principal) see everything.
 */
@Injectable()
export class Visibility {
  constructor(private readonly learners: LearnerRecordService) {}

  async relations(category: string, id: string, state: unknown): Promise<Relations> {
    switch (category) {
      case 'Mobility':
        return mobilityRelations(state as MobilityState);
      case 'Partnership':
        return partnershipRelations(state as PartnershipState);
      case 'Call':
        return callRelations(state as CallState);
      case 'Institution':
        return institutionRelations(id);
      case 'Learner':
        return this.learners.relations(state as LearnerRecordState);
      case 'Account': {
        const account = state as AccountState;
        const institutionId = account.status === 'none' ? undefined : account.institutionId;
        return {
          institutions: institutionId ? [institutionId] : [],
          ...(institutionId && { owner: institutionId }),
          account: id,
        };
      }
      default:
        return catalogueRelations();
    }
  }

  /** 404 (StreamNotFound) unless the principal may read the object; returns its relations. */
  async ensureVisible(
    principal: Principal | undefined,
    category: string,
    id: string,
    state: unknown,
  ): Promise<Relations> {
    const relations = await this.relations(category, id, state);
    if (!principal) return relations;
    const guarded = GUARDED[category];
    const read = guarded && POLICY[guarded].read;
    if (!read || !read(principal, relations, {})) throw new StreamNotFound(`${category}-${id}`);
    return relations;
  }
}
