import { Module } from '@nestjs/common';
import { ApplicationModule } from '@ecvet/application';
import { PartnershipsController } from './partnerships.controller';

/** Imports the application module for PartnershipService; modules are singletons in Nest. */
@Module({ imports: [ApplicationModule], controllers: [PartnershipsController] })
export class PartnershipsModule {}
