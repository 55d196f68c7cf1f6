import { Module } from '@nestjs/common';
import { ApplicationModule } from '@ecvet/application';
import { LearnersController } from './learners.controller';
import { OutboxErasure } from './outbox-erasure';

// ApplicationModule for LearnerRecordService; modules are singletons in Nest.
@Module({
  imports: [ApplicationModule],
  controllers: [LearnersController],
  providers: [OutboxErasure],
})
export class LearnersModule {}
