import { Inject, Injectable, Optional } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Pool } from 'pg';
import { categoryOf } from '@ecvet/application';
import { LEASE_KEYS } from '@ecvet/consumers';
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
import {
  PARTITIONED_DEFAULTS,
  PartitionedConsumer,
  type PartitionedConsumerSettings,
} from './partitioned-consumer';

export const TEMPORAL_BRIDGE = 'temporal-bridge';
/** Injection token of the bridge's settings (tests); without it, `bridgeSettings()`. */
export const TEMPORAL_BRIDGE_SETTINGS = Symbol('TEMPORAL_BRIDGE_SETTINGS');

/** `TEMPORAL_BRIDGE_CONCURRENCY` (signals in flight at once) and `TEMPORAL_BRIDGE_WINDOW` (events
 * admitted beyond the stored checkpoint) override the defaults. */
export function bridgeSettings(env: NodeJS.ProcessEnv = process.env): PartitionedConsumerSettings {
  const positive = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
    return n;
  };
  return {
    ...PARTITIONED_DEFAULTS,
    concurrency: positive('TEMPORAL_BRIDGE_CONCURRENCY', PARTITIONED_DEFAULTS.concurrency),
    window: positive('TEMPORAL_BRIDGE_WINDOW', PARTITIONED_DEFAULTS.window),
  };
}

/** The workflow an event of a mobility's or partnership's stream goes to. */
export function workflowIdOf(event: RecordedEvent): string {
  const { category, id } = categoryOf(event.stream);
  return category === 'Partnership' ? `partnership-${id}` : `mobility-${id}`;
}

/**
 * The event log → Temporal bridge (ADR 0007, 0010): each relevant event goes to its mobility's
 * or partnership's workflow with `signalWithStart` (ids `mobility-<id>`, `partnership-<id>`),
 * summarised to the typed signal contract (`mobility-bridged-events.ts`,
 * `partnership-bridged-events.ts`: no personal data) and carrying its checkpoint. Events of
 * different workflows are signalled concurrently, each workflow's in log order
 * (`PartitionedConsumer`); the stored checkpoint only passes what has been delivered, so a restart
 * signals some events again and the workflow ignores checkpoints it has seen: at-least-once
 * delivery, exactly-once effect. While Temporal is down, commands keep working and the bridge
 * retries with backoff, then catches up.
 */
@Injectable()
export class TemporalBridge extends PartitionedConsumer {
  private readonly taskQueue: string;
  private readonly searchAttributes: boolean;

  constructor(
    @InjectPool() pool: Pool,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly client: Client,
    config: AppConfig,
    @Optional() @Inject(TEMPORAL_BRIDGE_SETTINGS) settings?: PartitionedConsumerSettings,
  ) {
    super(
      TEMPORAL_BRIDGE,
      LEASE_KEYS.temporalBridge,
      pool,
      store,
      {
        streamPrefixes: ['Mobility-', 'Partnership-'],
        eventTypes: [...BRIDGED_MOBILITY_EVENTS, ...BRIDGED_PARTNERSHIP_EVENTS],
      },
      settings ?? bridgeSettings(),
    );
    this.taskQueue = config.TEMPORAL_TASK_QUEUE;
    this.searchAttributes = config.TEMPORAL_SEARCH_ATTRIBUTES === 'on';
  }

  protected override enabled(): boolean {
    return process.env.TEMPORAL_BRIDGE !== 'off';
  }

  protected keyOf(event: RecordedEvent): string {
    return workflowIdOf(event);
  }

  protected async deliver(event: RecordedEvent): Promise<void> {
    const { category, id } = categoryOf(event.stream);
    const searchAttributes = this.searchAttributes;
    const options = {
      workflowId: workflowIdOf(event),
      taskQueue: this.taskQueue,
      // A finished workflow is not started again by a late event.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    } as const;
    try {
      if (category === 'Partnership')
        await this.client.workflow.signalWithStart<
          typeof partnershipWorkflow,
          [PartnershipBridgedEvent]
        >('partnershipWorkflow', {
          ...options,
          args: [{ partnershipId: id, searchAttributes }],
          signal: partnershipEventSignal,
          signalArgs: [summarisePartnershipEvent(event)],
        });
      else
        await this.client.workflow.signalWithStart<typeof mobilityWorkflow, [MobilityBridgedEvent]>(
          'mobilityWorkflow',
          {
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
