import { Module } from '@nestjs/common';
import { OperationJobs } from './operation-jobs';
import { OperationsController } from './operations.controller';

/** `/operations`: the operators' checks of the system — the log verified, read models rebuilt
 * and compared (jobs, polled for progress). */
@Module({ controllers: [OperationsController], providers: [OperationJobs] })
export class OperationsModule {}
