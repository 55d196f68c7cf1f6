import { CommandBus, CommandHandler as HandlesCommand } from '@nestjs/cqrs';
import {
  mobilityDecider,
  mobilityPersonalFields,
  type AmendLearningAgreement,
  type MobilityCommand,
  type MobilityEvent,
  type MobilityState,
  type PlanMobility,
  type SignLearningAgreement,
  type StartMobility,
} from '@ecvet/domain';
import type { PersonalData } from '@ecvet/event-store';
import { CommandHandler } from '@ecvet/event-sourcing';
import { AggregateCommand, type CommandOutcome } from '../aggregate-command';
import { AggregateCommandHandler } from '../aggregate-command.handler';
import { SnapshotLoader } from '../snapshot-loader';
import { Streams } from '../streams';
import { LearnerRecordCommandMessage } from './learner-record.handler';

/** A mobility command as callers send it: references by id, which the handler resolves. */
export type MobilityInput =
  | {
      type: 'PlanMobility';
      data: Omit<
        PlanMobility['data'],
        'partnership' | 'sendingInstitution' | 'host' | 'qualification' | 'selection'
      > & {
        sendingInstitutionId: string;
        hostInstitutionId: string;
        qualificationId: string;
        qualificationVersion: number;
        selection?: { callId: string; applicationId: string };
      };
    }
  | {
      type: 'AmendLearningAgreement';
      data: Omit<AmendLearningAgreement['data'], 'partnership' | 'qualification'>;
    }
  | { type: 'SignLearningAgreement'; data: Omit<SignLearningAgreement['data'], 'partnership'> }
  | { type: 'StartMobility'; data: Omit<StartMobility['data'], 'partnership'> }
  | Exclude<
      MobilityCommand,
      {
        type: 'PlanMobility' | 'AmendLearningAgreement' | 'SignLearningAgreement' | 'StartMobility';
      }
    >;

export class MobilityCommandMessage extends AggregateCommand<MobilityInput> {}

@HandlesCommand(MobilityCommandMessage)
export class MobilityCommandHandler extends AggregateCommandHandler<
  MobilityInput,
  MobilityCommand,
  MobilityEvent,
  MobilityState
> {
  protected readonly decider = mobilityDecider;
  protected readonly creating = new Set(['PlanMobility']);

  constructor(
    commands: CommandHandler,
    private readonly snapshots: SnapshotLoader,
    private readonly bus: CommandBus,
  ) {
    super(commands);
  }

  protected stream(id: string): string {
    return Streams.mobility(id);
  }

  protected override async complete(
    input: MobilityInput,
    state: MobilityState,
  ): Promise<MobilityCommand> {
    switch (input.type) {
      case 'PlanMobility': {
        const {
          sendingInstitutionId,
          hostInstitutionId,
          qualificationId,
          qualificationVersion,
          selection,
          ...rest
        } = input.data;
        const [partnership, sendingInstitution, host, qualification, selected] = await Promise.all([
          this.snapshots.partnership(rest.partnershipId),
          this.snapshots.institution(sendingInstitutionId),
          this.snapshots.institution(hostInstitutionId),
          this.snapshots.qualification(qualificationId, qualificationVersion),
          selection && this.snapshots.selection(selection.callId, selection.applicationId),
        ]);
        return {
          type: 'PlanMobility',
          data: {
            ...rest,
            partnership,
            sendingInstitution,
            host,
            qualification,
            ...(selected && { selection: selected }),
          },
        };
      }
      case 'AmendLearningAgreement': {
        const pinned = state.plan!.terms.qualification;
        const [partnership, qualification] = await Promise.all([
          this.snapshots.partnership(state.plan!.partnershipId),
          this.snapshots.qualification(pinned.qualificationId, pinned.version),
        ]);
        return { type: input.type, data: { ...input.data, partnership, qualification } };
      }
      case 'SignLearningAgreement':
      case 'StartMobility': {
        const partnership = await this.snapshots.partnership(state.plan!.partnershipId);
        return { ...input, data: { ...input.data, partnership } } as MobilityCommand;
      }
      default:
        return input;
    }
  }

  protected override personal(
    event: MobilityEvent,
    state: MobilityState,
  ): PersonalData | undefined {
    const learnerId =
      event.type === 'MobilityPlanned'
        ? event.data.learner.learnerId
        : state.plan?.learner.learnerId;
    return learnerId === undefined ? undefined : mobilityPersonalFields(event, learnerId);
  }

  /**
   * A recognised unit is credited on the learner's record (accumulation). Two streams, so not
   * one transaction: the credit is appended right after the recognition, with the same command
   * id; a retry of the request re-runs this step, and the learner record treats a repeated
   * credit as already done.
   */
  protected override async afterwards(
    message: AggregateCommand<MobilityInput>,
    outcome: CommandOutcome,
  ): Promise<void> {
    for (const event of outcome.events as MobilityEvent[]) {
      if (event.type !== 'UnitRecognised') continue;
      const mobility = await this.snapshots.mobilityPlan(event.data.mobilityId);
      const unit = mobility.terms.targetedUnits.find((u) => u.unitId === event.data.unitId)!;
      await this.bus.execute(
        new LearnerRecordCommandMessage(
          event.data.learnerId,
          {
            type: 'AccumulateCredit',
            data: {
              learnerId: event.data.learnerId,
              mobilityId: event.data.mobilityId,
              qualificationId: mobility.terms.qualification.qualificationId,
              qualificationVersion: mobility.terms.qualification.version,
              programme: mobility.terms.qualification.programme,
              unitId: unit.unitId,
              unitTitle: unit.title,
              recognition: {
                kind: event.data.kind,
                moduleId: event.data.moduleId,
                ...(event.data.ecvetPoints !== undefined && {
                  ecvetPoints: event.data.ecvetPoints,
                }),
              },
              recognisedBy: event.data.recognisedBy,
              recognisedAt: event.data.recognisedOn,
            },
            at: message.context.issuedAt,
          },
          message.context,
        ),
      );
    }
  }
}
