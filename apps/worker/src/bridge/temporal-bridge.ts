import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Pool } from 'pg';
import { categoryOf } from '@ecvet/application';
import { CheckpointedConsumer, LEASE_KEYS } from '@ecvet/consumers';
import { AppConfig } from '@ecvet/config';
import { InjectPool } from '@ecvet/database';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@ecvet/event-store';
import {
  mobilityEventSignal,
  type MobilityBridgedEvent,
} from '../../../../workflows/mobility-signal';
import type { mobilityWorkflow } from '../../../../workflows/mobility.workflow';
import {
  partnershipEventSignal,
  type PartnershipBridgedEvent,
} from '../../../../workflows/partnership-signal';
import type { partnershipWorkflow } from '../../../../workflows/partnership.workflow';
import { BRIDGED_MOBILITY_EVENTS, summariseMobilityEvent } from './mobility-bridged-events';
import {
  BRIDGED_PARTNERSHIP_EVENTS,
  summarisePartnershipEvent,
} from './partnership-bridged-events';

export const TEMPORAL_BRIDGE = 'temporal-bridge';

/**
 * The event log → Temporal bridge: each relevant event goes to its mobility's or partnership's
 * workflow with `signalWithStart` (ids `mobility-<id>`, `partnership-<id>`), summarised to the
 * typed signal contract (`mobility-bridged-events.ts`, `partnership-bridged-events.ts`: no
 * personal data) and carrying its checkpoint; the workflow ignores
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
    super(TEMPORAL_BRIDGE, LEASE_KEYS.temporalBridge, pool, store, {
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
    const options = {
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      // A finished workflow is not started again by a late event.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    } as const;
    try {
      if (category === 'Partnership')
        await this.client.workflow.signalWithStart<
          typeof partnershipWorkflow,
          [PartnershipBridgedEvent]
        >('partnershipWorkflow', {
          workflowId: `partnership-${id}`,
          ...options,
          args: [{ partnershipId: id, searchAttributes }],
          signal: partnershipEventSignal,
          signalArgs: [summarisePartnershipEvent(event)],
        });
      else
        await this.client.workflow.signalWithStart<typeof mobilityWorkflow, [MobilityBridgedEvent]>(
          'mobilityWorkflow',
          {
            workflowId: `mobility-${id}`,
            ...options,
            args: [{ mobilityId: id, searchAttributes }],
            signal: mobilityEventSignal,
            signalArgs: [summariseMobilityEvent(event)],
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
