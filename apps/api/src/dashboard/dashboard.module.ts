import { Module } from '@nestjs/common';
import { DashboardEventsController } from './dashboard-events.controller';
import { DashboardController } from './dashboard.controller';
import { SpaController } from './spa.controller';
import { StreamCredentials } from './stream-credentials';

/** The coordinators' dashboard: its API (`/dashboard/*`) and the single-page app (`/`, `/app/*`). */
@Module({
  controllers: [DashboardController, DashboardEventsController, SpaController],
  providers: [StreamCredentials],
})
export class DashboardModule {}
