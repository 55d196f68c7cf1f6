import { Module } from '@nestjs/common';
import { ApplicationModule } from '@ecvet/application';
import { PartnershipsController } from './partnerships.controller';

/** Imports the application module for the AggregateReader (the MoU version document). */
@Module({ imports: [ApplicationModule], controllers: [PartnershipsController] })
export class PartnershipsModule {}
