import { join } from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, projectRoot } from '@ecvet/config';
import { RunningWorker, startTemporalWorker, temporalSecurity } from '@ecvet/temporal';
import { MobilityActivitiesFactory } from './activities/mobility.activities';
import { PartnershipActivitiesFactory } from './activities/partnership.activities';

/** Runs the Temporal worker inside the Nest application context for as long as it lives. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private running?: RunningWorker;

  constructor(
    private readonly config: AppConfig,
    private readonly mobilityActivities: MobilityActivitiesFactory,
    private readonly partnershipActivities: PartnershipActivitiesFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE } = this.config;
    this.running = await startTemporalWorker({
      address: TEMPORAL_ADDRESS,
      security: temporalSecurity(this.config),
      namespace: TEMPORAL_NAMESPACE,
      taskQueue: TEMPORAL_TASK_QUEUE,
      workflowsPath:
        process.env.ECVET_WORKFLOWS_PATH ?? join(projectRoot(), 'workflows', 'index.ts'),
      activities: { ...this.partnershipActivities.create(), ...this.mobilityActivities.create() },
      onRetry: (attempt, err) =>
        this.logger.warn(
          { attempt, err: err instanceof Error ? err.message : String(err) },
          `Temporal at ${TEMPORAL_ADDRESS} unreachable, retrying`,
        ),
    });
    this.logger.log(
      { address: TEMPORAL_ADDRESS, namespace: TEMPORAL_NAMESPACE, taskQueue: TEMPORAL_TASK_QUEUE },
      'Temporal worker running',
    );
    // A crashed worker must not leave a zombie process that looks healthy.
    this.running.done.catch((err: unknown) => {
      this.logger.fatal({ err }, 'Temporal worker stopped with an error');
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running?.stop();
  }
}
