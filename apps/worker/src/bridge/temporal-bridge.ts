import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Pool } from 'pg';
import { CheckpointedConsumer, categoryOf } from '@ecvet/application';
import { AppConfig } from '@ecvet/config';
import { InjectPool } from '@ecvet/database';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@ecvet/event-store';
import type { MobilityWorkflowInput } from '../../../../workflows/mobility.workflow';
import { BRIDGED_MOBILITY_EVENTS, summarise } from './bridged-event.summary';
import {
  BRIDGED_PARTNERSHIP_EVENTS,
  summarisePartnershipEvent,
} from './partnership-bridged-events';

export const TEMPORAL_BRIDGE = 'temporal-bridge';

/**
 * The event log → Temporal bridge: each relevant event goes to its mobility's workflow with
 * `signalWithStart` (id `mobility-<id>`), carrying its checkpoint; the workflow ignores
 * checkpoints it has seen, so at-least-once delivery has an exactly-once effect. The checkpoint
 * advances only after Temporal accepted the signal: while Temporal is down, commands keep
 * working and the bridge retries with backoff, then catches up.
 */
@Injectable()
export class TemporalBridge extends CheckpointedConsumer {
  constructor(
    @InjectPool() pool: Pool,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly client: Client,
    private readonly config: AppConfig,
  ) {
    super(TEMPORAL_BRIDGE, 7_311_004, pool, store, {
      streamPrefixes: ['Mobility-', 'Partnership-'],
      eventTypes: [...BRIDGED_MOBILITY_EVENTS, ...BRIDGED_PARTNERSHIP_EVENTS],
    });
  }

  protected override enabled(): boolean {
    return process.env.TEMPORAL_BRIDGE !== 'off';
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    const { category, id } = categoryOf(event.stream);
    const searchAttributes = this.config.TEMPORAL_SEARCH_ATTRIBUTES === 'on';
    const partnership = category === 'Partnership';
    const input = partnership
      ? { partnershipId: id, searchAttributes }
      : ({ mobilityId: id, searchAttributes } satisfies MobilityWorkflowInput);
    try {
      await this.client.workflow.signalWithStart(
        partnership ? 'partnershipWorkflow' : 'mobilityWorkflow',
        {
          workflowId: `${partnership ? 'partnership' : 'mobility'}-${id}`,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          // A finished workflow is not started again by a late event.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [input],
          signal: partnership ? 'partnershipEvent' : 'mobilityEvent',
          signalArgs: [partnership ? summarisePartnershipEvent(event) : summarise(event)],
        },
      );
    } catch (err) {
      // signalWithStart on a workflow that completed is refused (REJECT_DUPLICATE): a finished
      // mobility or partnership has nothing left to do with this event.
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  }
}
