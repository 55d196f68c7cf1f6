import { Module } from '@nestjs/common';
import { ApplicationModule } from '@ecvet/application';
import { LearnersController } from './learners.controller';

// ApplicationModule for LearnerRecordService; modules are singletons in Nest.
@Module({ imports: [ApplicationModule], controllers: [LearnersController] })
export class LearnersModule {}
