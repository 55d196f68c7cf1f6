import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ApiClient, apiSettings } from '../api-client';
import { UsageError } from '../local-system';
import {
  parseKeptCheckpoint,
  trustedKeyOfPem,
  verifyBundle,
  type BundleReport,
  type KeptCheckpoint,
} from '../bundle/verify';

/** The bundle does not verify: exit code 1 (the report says what, where). */
export class BundleDoesNotVerify extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleDoesNotVerify';
  }
}

const write = (line: string) => process.stdout.write(`${line}\n`);
const SUBJECTS = ['mobility', 'partnership', 'institution'] as const;
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

interface ExportOptions {
  mobility?: string;
  partnership?: string;
  institution?: string;
  from?: string;
  to?: string;
  checkpoint?: string;
  lang?: string;
  out: string;
  api?: string;
  token?: string;
  json?: boolean;
}

interface VerifyBundleOptions {
  key: string[];
  checkpoint?: string;
  json?: boolean;
}

/**
 * `export` (an object's audit bundle, through the API with an account's token: what the account
 * may export is decided there, docs/access.md) and `verify-bundle` (offline: the file, the keys
 * you trust, a checkpoint you kept; `src/bundle/verify.ts`). docs/audit-bundle.md specifies both.
 * Exit codes: 0 written / verifies, 1 does not verify (or the API failed), 2 usage or refused
 * (401, 403, 404).
 */
export function registerBundleCommands(cli: Command): void {
  cli
    .command('export')
    .description("an object's audit bundle from the API, into one file that verifies offline")
    .option('--mobility <id>', "the mobility's bundle")
    .option('--partnership <id>', "the partnership's bundle (with the mobilities run under it)")
    .option('--institution <id>', "the institution's bundle (and what it is part of)")
    .option('--from <instant>', 'only events recorded at or after (ISO 8601)')
    .option('--to <instant>', 'only events recorded before (ISO 8601)')
    .option(
      '--checkpoint <hash|file>',
      'a checkpoint you kept: the bundle’s seal chain then reaches back to it',
    )
    .option('--lang <lv|en|lv,en>', "the documents' languages (default: lv,en)")
    .requiredOption('--out <file>', 'where to write the bundle')
    .option('--api <url>', 'the API (default: ECVET_API_URL, or http://localhost:$PORT)')
    .option('--token <token>', 'an API token (default: ECVET_TOKEN)')
    .option('--json', 'machine-readable output')
    .action(async (o: ExportOptions) => {
      const given = SUBJECTS.filter((s) => typeof o[s] === 'string');
      if (given.length !== 1)
        throw new UsageError(
          'name one object: --mobility <id> | --partnership <id> | --institution <id>',
        );
      for (const [name, value] of [
        ['--from', o.from],
        ['--to', o.to],
      ] as const)
        if (value !== undefined && Number.isNaN(Date.parse(value)))
          throw new UsageError(`${name} must be an ISO 8601 date or instant`);
      if (o.lang !== undefined && !/^(lv|en)(,(lv|en))?$/.test(o.lang))
        throw new UsageError('--lang is lv, en or lv,en');
      const kept = o.checkpoint !== undefined ? keptCheckpoint(o.checkpoint) : undefined;
      let bytes: Buffer | undefined;
      // The API client's error handling, and the body's exact bytes (it is not one JSON value).
      const client = new ApiClient(apiSettings(o), async (input, init) => {
        const response = await fetch(input, init);
        if (response.ok) bytes = Buffer.from(await response.clone().arrayBuffer());
        return response;
      });
      await client.request('GET', '/audit/bundles', {
        query: {
          [`${given[0]}Id`]: o[given[0]],
          from: o.from,
          to: o.to,
          checkpoint: kept?.sealHash,
          lang: o.lang,
        },
      });
      if (!bytes) throw new Error('the API sent no bundle');
      const temporary = `${o.out}.partial`;
      writeFileSync(temporary, bytes);
      renameSync(temporary, o.out);
      const summary = summarise(bytes, o.out);
      if (o.json) write(JSON.stringify(summary));
      else {
        write(
          `wrote ${o.out}: ${count(summary.events, 'event')} of ${count(summary.streams, 'stream')}, seals ${summary.seals ?? 'none'}, ${count(summary.documents.length, 'document')}, ${summary.bytes} bytes, sha256 ${summary.sha256}`,
        );
        if (summary.unsealed > 0)
          write(`${summary.unsealed} newer events are not sealed yet and not in the bundle`);
        if (summary.workflow !== 'included') write(`workflow history: ${summary.workflow}`);
      }
    });

  cli
    .command('verify-bundle')
    .description('verify an audit bundle offline: events, chains, proofs, seals, keys, manifest')
    .argument('<file>', 'the bundle')
    .option(
      '--key <pem>',
      'a seal public key you trust (PEM file; repeat for several); the bundle’s own keys otherwise',
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .option('--checkpoint <hash|file>', 'a checkpoint you kept: a seal hash, or its JSON file')
    .option('--json', 'machine-readable report')
    .action((file: string, o: VerifyBundleOptions) => {
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const trustedKeys = o.key.length
        ? o.key.map((path) => {
            if (!existsSync(path)) throw new UsageError(`no such key file: ${path}`);
            const pem = readFileSync(path, 'utf8');
            try {
              trustedKeyOfPem(pem);
            } catch {
              throw new UsageError(`${path} is not an Ed25519 public key (SPKI PEM)`);
            }
            return pem;
          })
        : undefined;
      const checkpoint = o.checkpoint !== undefined ? keptCheckpoint(o.checkpoint) : undefined;
      const report = verifyBundle(readFileSync(file), {
        ...(trustedKeys && { trustedKeys }),
        ...(checkpoint && { checkpoint }),
      });
      if (o.json) write(JSON.stringify(report));
      else for (const line of describe(file, report)) write(line);
      if (!report.ok)
        throw new BundleDoesNotVerify(`${file} does not verify (${report.problem!.kind})`);
    });
}

/** `--checkpoint`: 64 hex digits, or a file holding a seal hash or a checkpoint's JSON. */
function keptCheckpoint(value: string): KeptCheckpoint {
  const text = /^[0-9a-fA-F]{64}$/.test(value.trim())
    ? value
    : existsSync(value)
      ? readFileSync(value, 'utf8')
      : undefined;
  if (text === undefined)
    throw new UsageError(
      '--checkpoint is a seal hash (64 hex digits) or a file holding a checkpoint',
    );
  try {
    return parseKeptCheckpoint(text);
  } catch (err) {
    throw new UsageError(`--checkpoint: ${(err as Error).message}`);
  }
}

function summarise(bytes: Buffer, file: string) {
  const manifest = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as {
    body: {
      subject: { type: string; id: string };
      streams: Array<{ fromVersion: number | null; toVersion: number | null; unsealed: number }>;
      seals: { fromSeq: number | null; toSeq: number | null };
      workflow: { status: string; reason: string | null };
      documents: Array<{ name: string }>;
    };
  };
  const b = manifest.body;
  return {
    file,
    subject: b.subject,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    streams: b.streams.filter((s) => s.fromVersion !== null).length,
    events: b.streams.reduce(
      (n, s) => n + (s.fromVersion === null ? 0 : s.toVersion! - s.fromVersion + 1),
      0,
    ),
    seals: b.seals.fromSeq === null ? null : `${b.seals.fromSeq}..${b.seals.toSeq}`,
    unsealed: b.streams.reduce((n, s) => n + s.unsealed, 0),
    documents: b.documents.map((d) => d.name),
    workflow:
      b.workflow.status === 'included'
        ? 'included'
        : `${b.workflow.status}${b.workflow.reason ? ` (${b.workflow.reason})` : ''}`,
  };
}

function describe(file: string, r: BundleReport): string[] {
  const what = r.subject ? `${r.subject.type} ${r.subject.id}` : 'the bundle';
  const lines = [
    r.ok
      ? `${file} verifies: ${what}, ${count(r.events, 'event')} of ${count(r.streams, 'stream')}, ${count(r.seals, 'seal')}${r.sealRange ? ` (${r.sealRange.fromSeq}..${r.sealRange.toSeq})` : ''}, ${count(r.documents, 'document')}, signatures checked with the ${r.keys === 'given' ? 'keys you gave' : "bundle's own keys"}${r.checkpoint ? `, your checkpoint ${r.checkpoint === 'on-chain' ? 'is on the seal chain' : 'is where the seal chain starts from'}` : ''}`
      : `${file} does NOT verify`,
  ];
  if (r.problem) {
    const p = r.problem;
    lines.push(`first problem: ${p.kind}: ${p.message}`);
    const at = [
      p.line !== undefined && `line ${p.line}`,
      p.part && `part ${p.part}`,
      p.stream && `${p.stream}@${p.version ?? '?'}`,
      p.seal !== undefined && `seal ${p.seal}`,
    ].filter(Boolean);
    if (at.length) lines.push(`  at ${at.join(', ')}`);
  }
  if (r.unsealed > 0) lines.push(`note: ${r.unsealed} newer events were not sealed yet at export`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines;
}
