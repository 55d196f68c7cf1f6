import { Module } from '@nestjs/common';
import { MobilitiesController } from './mobilities.controller';
import { MobilityProgressController } from './mobility-progress.controller';

@Module({ controllers: [MobilitiesController, MobilityProgressController] })
export class MobilitiesModule {}
