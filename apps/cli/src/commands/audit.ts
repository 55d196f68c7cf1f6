import { Command, Option } from 'commander';
import { categoryOf } from '@ecvet/application';
import { ApiClient, apiSettings } from '../api-client';
import { UsageError } from '../local-system';
import { progressBar } from '../progress';
import { flatten, show, timelineLine, type HistoryEntry } from './audit-format';
import { agreementDiff, mouDiff, parseAsOf } from './audit-diff';
import { runJob, type RebuildReport, type VerificationReport } from './audit-jobs';
import { replayWorkflows, WORKFLOW_TYPES } from './replay-workflows';

/** Something was checked and found wrong: the log, a read model, a workflow's replay (exit 1). */
export class ProblemFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProblemFound';
  }
}

type Out = (line: string) => void;

interface ApiOptions {
  api?: string;
  token?: string;
  json?: boolean;
}

/** The objects with a history, and where the API keeps each one. */
const OBJECTS = {
  mobility: { category: 'Mobility', path: '/mobilities' },
  partnership: { category: 'Partnership', path: '/partnerships' },
  call: { category: 'Call', path: '/calls' },
  learner: { category: 'Learner', path: '/learners' },
  institution: { category: 'Institution', path: '/institutions' },
  qualification: { category: 'Qualification', path: '/qualifications' },
  account: { category: 'Account', path: '/accounts' },
} as const;
type ObjectKind = keyof typeof OBJECTS;

/** Where each object's state is read, as of a version or an instant (the learner: its credits). */
const STATE_PATHS: Partial<Record<ObjectKind, (id: string) => string>> = {
  mobility: (id) => `/mobilities/${encodeURIComponent(id)}`,
  partnership: (id) => `/partnerships/${encodeURIComponent(id)}`,
  call: (id) => `/calls/${encodeURIComponent(id)}`,
  learner: (id) => `/learners/${encodeURIComponent(id)}/credits`,
  institution: (id) => `/institutions/${encodeURIComponent(id)}`,
  qualification: (id) => `/qualifications/${encodeURIComponent(id)}`,
};

function withApi(command: Command): Command {
  return command
    .addOption(
      new Option('--api <url>', 'the API (default: ECVET_API_URL, else http://localhost:$PORT)'),
    )
    .addOption(new Option('--token <token>', 'an API token (default: ECVET_TOKEN)'))
    .option('--json', 'machine-readable output');
}

/** Exactly one of the object options (`--mobility <id>`, …) of those allowed. */
function oneObject(
  chosen: object,
  allowed: readonly ObjectKind[],
): { kind: ObjectKind; id: string } {
  const options = chosen as Record<string, unknown>;
  const given = allowed.filter((k) => typeof options[k] === 'string');
  if (given.length !== 1)
    throw new UsageError(`name one object: ${allowed.map((k) => `--${k} <id>`).join(' | ')}`);
  return { kind: given[0], id: options[given[0]] as string };
}

/**
 * The auditors' commands (`history`, `state`, `diff`) and the operators' (`verify`, `rebuild`,
 * `replay-workflows`). All but `replay-workflows` talk to the API with an account's token, so
 * what a principal may read is decided where it always is (docs/access.md): an object outside
 * an auditor's scope answers 404, an operation that is not theirs 403 — exit code 2 with the
 * server's words. Exit codes: 0 done, 1 a problem found (the log does not verify, a read model
 * differs, a workflow no longer replays), 2 usage or refused (401/403/404), 3 a rule refused.
 */
export function registerAuditCommands(
  cli: Command,
  out: Out = (line) => process.stdout.write(`${line}\n`),
): void {
  const client = (o: ApiOptions) => new ApiClient(apiSettings(o));

  const history = withApi(
    cli
      .command('history')
      .description('the history of one object: every event with its version, time, actor, type'),
  );
  for (const kind of Object.keys(OBJECTS) as ObjectKind[])
    history.option(`--${kind} <id>`, `the ${kind}'s history`);
  history.action(async (o: ApiOptions & Record<string, unknown>) => {
    const { kind, id } = oneObject(o, Object.keys(OBJECTS) as ObjectKind[]);
    const entries = await client(o).get<HistoryEntry[]>(
      `${OBJECTS[kind].path}/${encodeURIComponent(id)}/history`,
    );
    if (o.json) return out(JSON.stringify(entries));
    out(`${OBJECTS[kind].category} ${id}: ${entries.length} events`);
    for (const entry of entries) out(timelineLine(entry, id));
  });

  const state = withApi(
    cli
      .command('state')
      .description('an object as it stood at a version or an instant (now, without --as-of)')
      .option(
        '--as-of <instant|version>',
        'an ISO 8601 instant, or a version number of the stream',
      ),
  );
  for (const kind of Object.keys(STATE_PATHS) as ObjectKind[])
    state.option(`--${kind} <id>`, `the ${kind}${kind === 'learner' ? "'s credits" : ''}`);
  state.action(async (o: ApiOptions & { asOf?: string } & Record<string, unknown>) => {
    const { kind, id } = oneObject(o, Object.keys(STATE_PATHS) as ObjectKind[]);
    const asOf = parseAsOf(o.asOf);
    const response = await client(o).request<object>('GET', STATE_PATHS[kind]!(id), {
      query: asOf,
    });
    const version = Number((response.headers.get('etag') ?? '').replace(/\D/g, '')) || undefined;
    if (o.json) return out(JSON.stringify({ version, view: response.body }));
    const when =
      asOf.asOfVersion !== undefined
        ? `as of version ${asOf.asOfVersion}`
        : asOf.asOf !== undefined
          ? `as of ${asOf.asOf}`
          : 'now';
    out(`${OBJECTS[kind].category} ${id} ${when}${version ? ` (version ${version})` : ''}`);
    for (const [path, value] of flatten(response.body)) out(`${path}: ${show(value, 200)}`);
  });

  withApi(
    cli
      .command('diff')
      .description('two versions of a Learning Agreement or an MoU, field by field')
      .option('--mobility <id>', "the mobility's Learning Agreement")
      .option('--partnership <id>', "the partnership's MoU")
      .requiredOption('--versions <a,b>', 'the two versions, e.g. 1,2'),
  ).action(
    async (o: ApiOptions & { mobility?: string; partnership?: string; versions: string }) => {
      const { kind, id } = oneObject(o, ['mobility', 'partnership']);
      const versions = o.versions.split(',').map((v) => v.trim());
      if (versions.length !== 2 || !versions.every((v) => /^[1-9]\d*$/.test(v)))
        throw new UsageError('--versions must be two version numbers, e.g. 1,2');
      const [a, b] = versions.map(Number);
      const api = client(o);
      const diff =
        kind === 'mobility' ? await agreementDiff(api, id, a, b) : await mouDiff(api, id, a, b);
      if (o.json) return out(JSON.stringify(diff));
      const name = kind === 'mobility' ? 'Learning Agreement of mobility' : 'MoU of partnership';
      out(`${name} ${id}: version ${a} → ${b}, ${diff.changes.length} fields changed`);
      for (const side of [diff.from, diff.to])
        out(
          `  v${side.version}: ${Object.entries(side)
            .filter(([k, v]) => k !== 'version' && v !== undefined)
            .map(([k, v]) => `${k}=${show(v, 80)}`)
            .join('  ')}`,
        );
      for (const change of diff.changes)
        out(`${change.path}: ${show(change.before)} → ${show(change.after)}`);
    },
  );

  withApi(
    cli
      .command('verify')
      .description('verify the whole event log: hashes, stream chains, seals (operators only)')
      .addOption(
        new Option('--hashing <where>', 'recompute hashes here (node) or in PostgreSQL (database)')
          .choices(['node', 'database'])
          .default('node'),
      ),
  ).action(async (o: ApiOptions & { hashing: 'node' | 'database' }) => {
    const api = client(o);
    const job = await runJob(
      api,
      '/operations/verifications',
      { hashing: o.hashing },
      'verify',
      !o.json,
    );
    const report = job.result as VerificationReport;
    const firstBad = report.problem ? await badEvent(api, report.problem) : undefined;
    if (o.json) out(JSON.stringify({ ...report, ...(firstBad && { event: firstBad }) }));
    else {
      out(
        `${report.ok ? 'the log verifies' : 'the log does NOT verify'}: ${report.eventsChecked} events in ${report.streamsChecked} streams, ${report.sealsChecked} seals (signatures ${report.signaturesChecked ? `checked${(report.trustedKeyIds?.length ?? 1) > 1 ? ` against ${report.trustedKeyIds!.length} keys` : ''}` : 'not checked: no SEAL_SIGNING_KEY'}), ${report.unsealedEvents} events not sealed yet`,
      );
      if (report.problem) {
        const p = report.problem;
        out(`first problem: ${p.kind}: ${p.message}`);
        if (p.stream) out(`  at ${p.stream}@${p.version ?? '?'} (position ${p.position ?? '?'})`);
        if (p.seal !== undefined)
          out(`  seal ${p.seal}${p.range ? ` ${JSON.stringify(p.range)}` : ''}`);
        if (firstBad) out(`  event: ${timelineLine(firstBad, '')}`);
      }
    }
    if (!report.ok) throw new ProblemFound(`the log does not verify (${report.problem?.kind})`);
  });

  withApi(
    cli
      .command('rebuild')
      .description(
        'rebuild a read model from the log in memory and compare it with the live table (operators only)',
      )
      .argument(
        '<read-model>',
        'mobilities, partnerships, calls, learners, institutions, qualifications, accounts',
      ),
  ).action(async (kind: string, o: ApiOptions) => {
    const job = await runJob(
      client(o),
      '/operations/read-model-rebuilds',
      { kind },
      `rebuild ${kind}`,
      !o.json,
    );
    const report = job.result as RebuildReport;
    if (o.json) out(JSON.stringify(report));
    else {
      out(
        `${kind}: ${report.rebuiltDocuments} documents rebuilt from ${report.eventsRead} events; live table ${report.liveDocuments} documents: ${report.equal ? 'equal' : `${report.differences.length} differ`}`,
      );
      for (const d of report.differences)
        out(
          `  ${d.id}: ${d.problem}${d.liveVersion !== undefined ? ` live v${d.liveVersion}` : ''}${d.rebuiltVersion !== undefined ? ` rebuilt v${d.rebuiltVersion}` : ''}${d.paths ? ` (${d.paths.join(', ')})` : ''}`,
        );
    }
    if (!report.equal)
      throw new ProblemFound(
        `the ${kind} read model differs from the log: ${report.differences.map((d) => d.id).join(', ')}`,
      );
  });

  cli
    .command('replay-workflows')
    .description(
      "replay the mobility and partnership workflows' recorded histories against the current workflow code",
    )
    .option(
      '--from-files <dir>',
      'histories as JSON files (e.g. test/histories) instead of Temporal',
    )
    .option(
      '--temporal <address>',
      'the Temporal frontend (default: TEMPORAL_ADDRESS, else 127.0.0.1:7233)',
    )
    .option('--namespace <namespace>', 'the namespace (default: TEMPORAL_NAMESPACE, else default)')
    .addOption(
      new Option('--type <type>', 'only these workflows').choices(Object.keys(WORKFLOW_TYPES)),
    )
    .option(
      '--workflow-id <id>',
      'only this workflow (a file name without .json with --from-files)',
    )
    .option('--running', 'only the workflows still running (Temporal)')
    .option('--json', 'machine-readable output')
    .action(
      async (o: {
        fromFiles?: string;
        temporal?: string;
        namespace?: string;
        type?: string;
        workflowId?: string;
        running?: boolean;
        json?: boolean;
      }) => {
        const report = await replayWorkflows(
          o,
          progressBar('replay', 'workflows', { enabled: !o.json }),
        );
        if (o.json) out(JSON.stringify(report));
        else {
          out(
            `replayed ${report.replayed} workflow histories from ${report.source}: ${report.failed} failed`,
          );
          for (const r of report.results)
            out(
              `${r.workflowId}${r.runId ? ` (${r.runId})` : ''}  ${r.ok ? 'ok' : `${r.error!.kind.toUpperCase()}: ${r.error!.reason ?? r.error!.message}`}`,
            );
        }
        if (report.failed > 0)
          throw new ProblemFound(
            `${report.failed} workflow histories no longer replay: ${report.results
              .filter((r) => !r.ok)
              .map((r) => r.workflowId)
              .join(', ')}`,
          );
      },
    );
}

/** The event a verification stopped at, as its history shows it (when it still reads). */
async function badEvent(
  api: ApiClient,
  problem: NonNullable<VerificationReport['problem']>,
): Promise<HistoryEntry | undefined> {
  if (!problem.stream || problem.version === undefined) return undefined;
  const { category, id } = categoryOf(problem.stream);
  const object = Object.values(OBJECTS).find((o) => o.category === category);
  if (!object) return undefined;
  try {
    const entries = await api.get<HistoryEntry[]>(
      `${object.path}/${encodeURIComponent(id)}/history`,
    );
    return entries.find((e) => e.version === problem.version);
  } catch {
    return undefined;
  }
}
