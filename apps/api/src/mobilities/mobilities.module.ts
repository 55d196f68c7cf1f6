import { Module } from '@nestjs/common';
import { MobilitiesController } from './mobilities.controller';

@Module({ controllers: [MobilitiesController] })
export class MobilitiesModule {}
