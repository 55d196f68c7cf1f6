import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ApplicationModule, LearnerCreditReactor, ReadModelProjection } from '@ecvet/application';
import { ConfigModule, LoggerModule } from '@ecvet/config';
import { DatabaseModule } from '@ecvet/database';
import { EventStoreModule } from '@ecvet/event-store';
import { IdentityModule } from '@ecvet/identity';
import { TemporalClientModule } from '@ecvet/temporal';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { AuthenticationGuard } from './auth/authentication.guard';
import { HealthModule } from './health/health.module';
import { OutboxModule } from './outbox/outbox.module';
import { SigningModule } from './signing/signing.module';
import { DocumentsModule } from './documents/documents.module';
import { SecurityModule } from './security/security.module';
import { InstitutionsModule } from './institutions/institutions.module';
import { QualificationsModule } from './qualifications/qualifications.module';
import { PartnershipsModule } from './partnerships/partnerships.module';
import { CallsModule } from './calls/calls.module';
import { MobilitiesModule } from './mobilities/mobilities.module';
import { LearnersModule } from './learners/learners.module';
import { AuditModule } from './audit/audit.module';
import { OperationsModule } from './operations/operations.module';
import { DashboardModule } from './dashboard/dashboard.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule,
    DatabaseModule,
    EventStoreModule,
    TemporalClientModule,
    CqrsModule.forRoot(),
    IdentityModule,
    ApplicationModule,
    SecurityModule,
    AuthModule,
    HealthModule,
    OutboxModule,
    SigningModule,
    DocumentsModule,
    InstitutionsModule,
    QualificationsModule,
    PartnershipsModule,
    CallsModule,
    MobilitiesModule,
    LearnersModule,
    AccountsModule,
    AuditModule,
    OperationsModule,
    DashboardModule,
  ],
  // The consumers of the log that keep the database's derived state: each runs in one process
  // at a time (lease), from its checkpoint.
  providers: [
    ReadModelProjection,
    LearnerCreditReactor,
    // Every route needs a signed-in principal unless it is @Public().
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
})
export class AppModule {}
