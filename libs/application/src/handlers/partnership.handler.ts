import { CommandHandler as HandlesCommand } from '@nestjs/cqrs';
import {
  DomainError,
  partnershipDecider,
  type PartnershipCommand,
  type PartnershipEvent,
  type PartnershipState,
} from '@ecvet/domain';
import type { PersonalData } from '@ecvet/event-store';
import { CommandHandler } from '@ecvet/event-sourcing';
import { AggregateCommand } from '../aggregate-command';
import { AggregateCommandHandler } from '../aggregate-command.handler';
import { SnapshotLoader } from '../snapshot-loader';
import { Streams } from '../streams';

export class PartnershipCommandMessage extends AggregateCommand<PartnershipCommand> {}

@HandlesCommand(PartnershipCommandMessage)
export class PartnershipCommandHandler extends AggregateCommandHandler<
  PartnershipCommand,
  PartnershipCommand,
  PartnershipEvent,
  PartnershipState
> {
  protected readonly decider = partnershipDecider;
  protected readonly creating = new Set(['ProposePartnership']);

  constructor(
    commands: CommandHandler,
    private readonly snapshots: SnapshotLoader,
  ) {
    super(commands);
  }

  protected stream(id: string): string {
    return Streams.partnership(id);
  }

  /** Parties must be registered institutions; an MoU covers published units only. */
  protected override async complete(input: PartnershipCommand): Promise<PartnershipCommand> {
    switch (input.type) {
      case 'ProposePartnership':
        await Promise.all(
          input.data.parties.map((p) => this.snapshots.institution(p.institutionId)),
        );
        break;
      case 'AddPartner':
        await this.snapshots.institution(input.data.party.institutionId);
        break;
      case 'DraftMou':
      case 'AmendMou':
        for (const covered of input.data.content.qualifications) {
          const q = await this.snapshots.qualification(
            covered.qualificationId,
            covered.qualificationVersion,
          );
          const unknown = covered.unitIds.filter((u) => !q.units.some((x) => x.unitId === u));
          if (unknown.length > 0)
            throw new DomainError(
              'reference.unknown-unit',
              `version ${q.version} of ${q.qualificationId} has no unit ${unknown.join(', ')}`,
              { qualificationId: q.qualificationId, unitIds: unknown },
            );
        }
        break;
      default:
        break;
    }
    return input;
  }

  /** A signer's name, e-mail and connection are theirs (subject: the signing party's signer). */
  protected override personal(event: PartnershipEvent): PersonalData | undefined {
    if (event.type !== 'MouSigned') return undefined;
    const who = (event.data.signer.email ?? event.data.signer.name).toLowerCase();
    return {
      subject: `signer-${who}`,
      fields: ['signer.name', 'signer.email', 'ip', 'userAgent'],
    };
  }
}
