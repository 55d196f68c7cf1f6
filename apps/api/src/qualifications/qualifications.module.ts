import { Module } from '@nestjs/common';
import { QualificationsController } from './qualifications.controller';

@Module({ controllers: [QualificationsController] })
export class QualificationsModule {}
