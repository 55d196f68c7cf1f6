import { Module } from '@nestjs/common';
import { NotificationsModule } from '@ecvet/notifications';
import { LearningAgreementLinksController } from './learning-agreement-links.controller';
import { MobilitiesController } from './mobilities.controller';
import { MobilityProgressController } from './mobility-progress.controller';

@Module({
  // The signing links kept in the local outbox (LearningAgreementLinksController).
  imports: [NotificationsModule],
  controllers: [MobilitiesController, MobilityProgressController, LearningAgreementLinksController],
})
export class MobilitiesModule {}
