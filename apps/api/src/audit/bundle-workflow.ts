import { Injectable, Logger } from '@nestjs/common';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { InjectTemporalConnection } from '@ecvet/temporal';
import type { BundleInput, WorkflowPart } from './bundle-writer';

/** How long the bundle waits for Temporal before it goes without the workflow history. */
const TEMPORAL_DEADLINE_MS = 2_000;

/**
 * The subject's workflow history for a bundle (`mobility-<id>`, `partnership-<id>`), as Temporal
 * exports it (proto3 JSON, what `temporal workflow show --output json` and the Web UI's download
 * write): the latest run's. Its absence, and why, when Temporal has none or does not answer — the
 * bundle never fails for it.
 */
@Injectable()
export class BundleWorkflow {
  private readonly logger = new Logger(BundleWorkflow.name);

  constructor(
    private readonly temporal: Client,
    @InjectTemporalConnection() private readonly connection: Connection,
  ) {}

  async of(subject: BundleInput['subject']): Promise<WorkflowPart> {
    if (subject.type === 'institution')
      return {
        status: 'not-applicable',
        workflowId: null,
        reason: 'an institution has no workflow',
        runs: [],
      };
    const workflowId = `${subject.type}-${subject.id}`;
    try {
      const history = await this.connection.withDeadline(
        Date.now() + TEMPORAL_DEADLINE_MS,
        async () => {
          const { runId } = await this.temporal.workflow.getHandle(workflowId).describe();
          const fetched = await this.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
          return { runId, history: JSON.parse(historyToJSON(fetched)) as unknown };
        },
      );
      return { status: 'included', workflowId, reason: null, runs: [{ workflowId, ...history }] };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        return { status: 'absent', workflowId, reason: 'Temporal has no such workflow', runs: [] };
      this.logger.warn(
        `the bundle of ${workflowId} goes without its workflow history: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      );
      return { status: 'absent', workflowId, reason: 'Temporal was not reachable', runs: [] };
    }
  }
}
