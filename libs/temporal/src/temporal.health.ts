import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { AppConfig } from '@ecvet/config';
import { InjectTemporalConnection } from './temporal-client.module';

/** Up when the frontend answers the gRPC health check and knows our namespace. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    @InjectTemporalConnection() private readonly connection: Connection,
    private readonly config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'temporal') {
    const indicator = this.health.check(key);
    const started = Date.now();
    try {
      const namespace = await this.connection.withDeadline(Date.now() + 3_000, async () => {
        await this.connection.healthService.check({});
        return this.connection.workflowService.describeNamespace({
          namespace: this.config.TEMPORAL_NAMESPACE,
        });
      });
      return indicator.up({
        address: this.config.TEMPORAL_ADDRESS,
        namespace: namespace.namespaceInfo?.name,
        latencyMs: Date.now() - started,
      });
    } catch (err) {
      return indicator.down({
        address: this.config.TEMPORAL_ADDRESS,
        message: err instanceof Error ? err.message.split('\n')[0] : String(err),
      });
    }
  }
}
