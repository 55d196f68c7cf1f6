import { Module } from '@nestjs/common';
import { AuditBundleService } from './audit-bundle.service';
import { AuditController } from './audit.controller';
import { BundleDocuments } from './bundle-documents';
import { BundleWorkflow } from './bundle-workflow';

/** `GET /audit/bundles`, `GET /audit/checkpoint`: evidence that verifies without us. */
@Module({
  controllers: [AuditController],
  providers: [AuditBundleService, BundleDocuments, BundleWorkflow],
})
export class AuditModule {}
