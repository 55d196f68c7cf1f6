import { Module } from '@nestjs/common';
import { ApplicationModule } from '@ecvet/application';
import { CallsController } from './calls.controller';

// ApplicationModule for CallService; modules are singletons in Nest.
@Module({ imports: [ApplicationModule], controllers: [CallsController] })
export class CallsModule {}
