import { Module } from '@nestjs/common';
import { AuditBundleService } from './audit-bundle.service';
import { AuditController } from './audit.controller';

/** `GET /audit/bundles`, `GET /audit/checkpoint`: evidence that verifies without us. */
@Module({ controllers: [AuditController], providers: [AuditBundleService] })
export class AuditModule {}
