import { Module } from '@nestjs/common';
import { ApplicationModule } from '@ecvet/application';
import { QualificationsController } from './qualifications.controller';

// ApplicationModule for QualificationService and SnapshotLoader (a published version); modules
// are singletons in Nest.
@Module({ imports: [ApplicationModule], controllers: [QualificationsController] })
export class QualificationsModule {}
