export * from './shared/decider';
export * from './shared/domain-error';
export * from './shared/command-context';
export * from './shared/command';
export * from './shared/codec';
export * from './institution/institution.events';
export * from './institution/institution.codec';
export * from './institution/institution.commands';
export * from './institution/institution.state';
export * from './institution/institution.decider';
export * from './institution/institution.errors';
export * from './qualification/qualification.events';
export * from './qualification/qualification.codec';
export * from './qualification/qualification.commands';
export * from './qualification/qualification.state';
export * from './qualification/qualification.decider';
export * from './qualification/qualification.errors';
export * from './shared/content-hash';
export * from './shared/dates';
export * from './shared/snapshots';
export * from './partnership/partnership.events';
export * from './partnership/partnership.codec';
export * from './partnership/partnership.commands';
export * from './partnership/partnership.state';
export * from './partnership/partnership.decider';
export * from './partnership/partnership.errors';
export { mouDocument, mouContentHash } from './partnership/partnership.mou';
export * from './call/call.events';
export * from './call/call.codec';
export * from './call/call.commands';
export * from './call/call.decider';
export * from './call/call.errors';
export * from './mobility/mobility.events';
export * from './mobility/mobility.codec';
export * from './mobility/mobility.commands';
export * from './mobility/mobility.errors';
export * from './mobility/mobility.decider';
export {
  mobilityPhase,
  pendingSignatories,
  isAwaiting,
  type MobilityState,
  type AgreementVersion,
} from './mobility/mobility.state';
export * from './mobility/mobility.phases';
export { SIGNATORY_ROLES } from './mobility/mobility.signatories';
export * from './learner/learner-record.events';
export * from './learner/learner-record.codec';
export * from './learner/learner-record.commands';
export * from './learner/learner-record.state';
export * from './learner/learner-record.decider';
export * from './learner/learner-record.errors';
export * from './reminders/reminder-policy';
export * from './shared/same-content';
export * from './shared/document-diff';
export * from './account/account.events';
export * from './account/account.codec';
export * from './account/account.commands';
export * from './account/account.state';
export * from './account/account.decider';
export * from './account/account.errors';
