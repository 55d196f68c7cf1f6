import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Connection, HistoryAndWorkflowId } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
// Not the lib's index: that loads the Nest config module, which validates the environment.
import { projectRoot } from '../../../../libs/config/src/project-paths';
import {
  temporalSecurity,
  temporalSecuritySettingsOf,
} from '../../../../libs/temporal/src/connection-security';
import { UsageError } from '../local-system';
import type { Progress } from '../progress';

/** The workflow types whose histories are replayed (workflows/index.ts). */
export const WORKFLOW_TYPES = {
  mobility: 'mobilityWorkflow',
  partnership: 'partnershipWorkflow',
} as const;

export interface ReplayOptions {
  /** A folder of histories as JSON (`temporal workflow show --output json`, test/histories). */
  fromFiles?: string;
  /** Temporal frontend and namespace (default TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE). */
  temporal?: string;
  namespace?: string;
  workflowId?: string;
  type?: string;
  running?: boolean;
}

export interface ReplayOutcome {
  workflowId: string;
  runId?: string;
  ok: boolean;
  /** `nondeterminism` (the code no longer makes the recorded decisions) or `failed`. */
  error?: {
    kind: 'nondeterminism' | 'failed';
    name: string;
    message: string;
    /** The core's own words, when the message wraps them (`[TMPRL1100] Nondeterminism error: …`). */
    reason?: string;
  };
}

export interface ReplayReport {
  source: string;
  workflowsPath: string;
  replayed: number;
  failed: number;
  results: ReplayOutcome[];
}

/**
 * Replays recorded workflow histories against the current workflow code
 * (`Worker.runReplayHistories`): each history either replays, or names the point where today's
 * code decides differently. The histories come from a folder of JSON files, or from Temporal
 * itself — every run (open and closed, continued-as-new runs each on their own) of the mobility
 * and partnership workflows, listed by the visibility API and fetched directly from the
 * frontend: the operator runs this next to the system (TEMPORAL_ADDRESS), since histories carry
 * the workflows' inputs unredacted and the API never hands them out.
 */
export async function replayWorkflows(
  options: ReplayOptions,
  progress: Progress,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ReplayReport> {
  if (options.type !== undefined && !(options.type in WORKFLOW_TYPES))
    throw new UsageError(`--type must be one of ${Object.keys(WORKFLOW_TYPES).join(', ')}`);
  const workflowsPath = env.ECVET_WORKFLOWS_PATH ?? join(projectRoot(), 'workflows', 'index.ts');
  const source = options.fromFiles ? fromFiles(options) : await fromTemporal(options, env);
  const results: ReplayOutcome[] = [];
  // Loaded here, not at start-up: the other commands do without the native worker. Its runtime
  // is made only when there is something to replay, and shut down after: an idle one keeps the
  // process alive.
  let runtime: { shutdown(): Promise<void> } | undefined;
  try {
    progress.update(0, source.total);
    if (source.total !== 0) {
      const { DefaultLogger, Runtime, Worker, makeTelemetryFilterString } =
        await import('@temporalio/worker');
      try {
        // The SDK's INFO lines (the bundle being built) and the core's warning for each failed
        // replay (the result says it) would bury the results.
        const level = env.TEMPORAL_LOG_LEVEL === 'INFO' ? 'INFO' : 'ERROR';
        runtime = Runtime.install({
          logger: new DefaultLogger(level === 'INFO' ? 'INFO' : 'WARN'),
          telemetryOptions: {
            logging: { filter: makeTelemetryFilterString({ core: level }), forward: {} },
          },
        });
      } catch {
        // Installed already (an in-process caller's): theirs to shut down.
      }
      const replays = Worker.runReplayHistories(
        { workflowsPath, replayName: 'ecvet-cli-replay' },
        source.histories,
      );
      for await (const result of replays) {
        results.push({
          workflowId: result.workflowId,
          ...(result.runId && { runId: result.runId }),
          ok: !result.error,
          ...(result.error && {
            error: {
              kind: result.error.name === 'DeterminismViolationError' ? 'nondeterminism' : 'failed',
              name: result.error.name,
              message: result.error.message,
              ...(reason(result.error.message) && { reason: reason(result.error.message) }),
            },
          }),
        });
        progress.update(results.length, source.total);
      }
    }
  } finally {
    progress.stop();
    await source.close().catch(() => undefined);
    await runtime?.shutdown().catch(() => undefined);
  }
  return {
    source: source.description,
    workflowsPath,
    replayed: results.length,
    failed: results.filter((r) => !r.ok).length,
    results,
  };
}

interface HistorySource {
  description: string;
  total?: number;
  histories: AsyncIterable<HistoryAndWorkflowId> | Iterable<HistoryAndWorkflowId>;
  close(): Promise<void>;
}

function fromFiles(options: ReplayOptions): HistorySource {
  const dir = options.fromFiles!;
  let files: string[];
  try {
    files = statSync(dir).isDirectory()
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join(dir, f))
      : [dir];
  } catch {
    throw new UsageError(`--from-files: no such folder or file ${dir}`);
  }
  const histories: HistoryAndWorkflowId[] = [];
  for (const file of files) {
    const workflowId = basename(file).replace(/\.json$/, '');
    let json: { events?: Array<Record<string, unknown>> };
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as typeof json;
    } catch (err) {
      throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
    }
    const type = workflowTypeOf(json);
    if (options.workflowId !== undefined && workflowId !== options.workflowId) continue;
    if (
      options.type !== undefined &&
      type !== WORKFLOW_TYPES[options.type as keyof typeof WORKFLOW_TYPES]
    )
      continue;
    histories.push({ workflowId, history: historyFromJSON(json) });
  }
  return {
    description: `files in ${dir}`,
    total: histories.length,
    histories,
    close: () => Promise.resolve(),
  };
}

function workflowTypeOf(json: { events?: Array<Record<string, unknown>> }): string | undefined {
  const started = json.events?.[0]?.workflowExecutionStartedEventAttributes as
    { workflowType?: { name?: string } } | undefined;
  return started?.workflowType?.name;
}

async function fromTemporal(
  options: ReplayOptions,
  env: NodeJS.ProcessEnv,
): Promise<HistorySource> {
  const address = options.temporal ?? env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const namespace = options.namespace ?? env.TEMPORAL_NAMESPACE ?? 'default';
  const { Client, Connection: Connections } = await import('@temporalio/client');
  let connection: Connection;
  try {
    connection = await Connections.connect({
      address,
      connectTimeout: 5_000,
      ...temporalSecurity(temporalSecuritySettingsOf(env)),
    });
  } catch (err) {
    throw new Error(`cannot reach Temporal at ${address}: ${(err as Error).message}`);
  }
  const client = new Client({ connection, namespace });
  const types =
    options.type !== undefined
      ? [WORKFLOW_TYPES[options.type as keyof typeof WORKFLOW_TYPES]]
      : Object.values(WORKFLOW_TYPES);
  const clauses = [`(${types.map((t) => `WorkflowType = '${t}'`).join(' OR ')})`];
  if (options.workflowId !== undefined)
    clauses.push(`WorkflowId = '${options.workflowId.replace(/'/g, "''")}'`);
  if (options.running) clauses.push(`ExecutionStatus = 'Running'`);
  const query = clauses.join(' AND ');
  let total: number | undefined;
  try {
    total = (await client.workflow.count(query)).count;
  } catch {
    // A server without counts: the bar counts up.
  }
  return {
    description: `Temporal ${address} (namespace ${namespace}): ${query}`,
    ...(total !== undefined && { total }),
    histories: client.workflow.list({ query }).intoHistories({ concurrency: 5, bufferLimit: 20 }),
    close: () => connection.close(),
  };
}

/** The innermost `message: "…"` of the core's failure text. */
function reason(message: string): string | undefined {
  return /message: "((?:[^"\\]|\\.)*)"/.exec(message)?.[1];
}
