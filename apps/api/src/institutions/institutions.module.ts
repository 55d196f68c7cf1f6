import { Module } from '@nestjs/common';
import { ApplicationModule } from '@ecvet/application';
import { InstitutionsController } from './institutions.controller';

// ApplicationModule for InstitutionService; modules are singletons in Nest.
@Module({ imports: [ApplicationModule], controllers: [InstitutionsController] })
export class InstitutionsModule {}
