import { Module } from '@nestjs/common';
import { PartnershipsController } from './partnerships.controller';

@Module({ controllers: [PartnershipsController] })
export class PartnershipsModule {}
