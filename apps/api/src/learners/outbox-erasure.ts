import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { LearnerRecordService } from '@ecvet/application';
import { InjectPool } from '@ecvet/database';
// Not (yet) exported by @ecvet/notifications' index: the redaction alone, no module of theirs.
import { redactOutboxForErasure } from '@ecvet/notifications';

/**
 * The mail outbox holds recipients' names and addresses and mail text naming the learner: every
 * erasure run by this app redacts the mails of the learner's mobilities (libs/notifications).
 */
@Injectable()
export class OutboxErasure implements OnModuleInit {
  constructor(
    private readonly learners: LearnerRecordService,
    @InjectPool() private readonly pool: Pool,
  ) {}

  onModuleInit(): void {
    this.learners.addErasureStep({
      name: 'mail outbox',
      erase: async ({ mobilityIds }) => {
        await redactOutboxForErasure(this.pool, mobilityIds);
      },
    });
  }
}
