import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot, toolsDir } from '../../libs/config/src/project-paths';
import {
  ensurePythonTool,
  venvBin,
  venvInstallCommands,
  type Command,
  type EnsureOptions as PythonEnsureOptions,
  type PythonTool,
} from '../python-tool';
import { zipEntry } from './zip-entry';

/**
 * The pinned validators of the deployment files (`infra/deploy/`); bump them here and only here.
 *
 * Kubernetes: `kubernetes-validate` from PyPI, which carries the JSON schemas of every Kubernetes
 * release it supports inside its wheel (kubeconform would fetch them from GitHub), with every
 * package it depends on pinned too, so that the virtual environment is the same on every machine.
 */
export const KUBERNETES_VALIDATE = {
  pkg: 'kubernetes-validate',
  version: '1.37.0',
  requirements: [
    'kubernetes-validate==1.37.0',
    'jsonschema==4.26.0',
    'jsonschema-specifications==2025.9.1',
    'referencing==0.37.0',
    'rpds-py==2026.9.1',
    'attrs==26.1.0',
    'PyYAML==6.0.4',
    'typing_extensions==4.16.0',
    'importlib_resources==7.1.0',
    'packaging==26.4',
  ],
} as const;

/**
 * Compose: the Compose Specification's JSON schema as Docker Compose itself embeds it — the file
 * `schema/compose-spec.json` of the Go module compose-go, taken from the module's zip on the Go
 * module proxy (no Go toolchain needed), checked against the SHA-256 below.
 */
export const COMPOSE_SPEC = {
  module: 'github.com/compose-spec/compose-go/v2',
  version: 'v2.16.2',
  file: 'schema/compose-spec.json',
  zipSha256: '75410c9723430b920592093014fc53641f6207e01b52c016c848ba62bf2da805',
} as const;

/** The Kubernetes releases the manifests are checked against: the oldest we support, the newest
 * the pinned kubernetes-validate knows. */
export const KUBERNETES_VERSIONS = ['1.31.0', '1.37.0'] as const;

export type { Command, Runner } from '../python-tool';

export interface EnsureOptions extends PythonEnsureOptions {
  /** Downloads a URL (tests pass a fake; default: fetch). */
  download?: (url: string) => Promise<Buffer>;
}

/** Where the pinned kubernetes-validate lives: a virtual environment in the tool cache. */
export function validatorsDir(): string {
  return join(toolsDir(), 'deploy-validators', KUBERNETES_VALIDATE.version);
}

/** Where the compose schema of the pinned module version is kept. */
export function composeSchemaPath(): string {
  return join(toolsDir(), 'compose-spec', COMPOSE_SPEC.version, 'compose-spec.json');
}

function tool(dir = validatorsDir()): PythonTool {
  const executable = venvBin(dir, 'python');
  return {
    label: 'deploy validators',
    dir,
    requirements: KUBERNETES_VALIDATE.requirements,
    executable,
    check: [executable, '-m', 'kubernetes_validate', '--version'],
  };
}

/** The commands that build the environment in `dir` with `python`. */
export function installCommands(dir: string, python: string): Command[] {
  return venvInstallCommands(tool(dir), python);
}

/**
 * The Python of a virtual environment holding the pinned kubernetes-validate (and jsonschema),
 * obtained with no manual step: the tool cache's, else one built there now from PyPI (about half
 * a minute: the wheel carries the schemas of every release; the next call is instant).
 */
export function ensureValidatorPython(options: EnsureOptions = {}): string {
  return ensurePythonTool(tool(), options);
}

/** The module proxy to use: the first http(s) entry of GOPROXY, else proxy.golang.org. */
export function goProxy(env: NodeJS.ProcessEnv = process.env): string {
  const first = (env.GOPROXY ?? '')
    .split(/[,|]/)
    .map((p) => p.trim())
    .find((p) => /^https?:\/\//.test(p));
  return (first ?? 'https://proxy.golang.org').replace(/\/+$/, '');
}

/** A module path as the proxy protocol spells it: each capital letter as `!` and its lower case. */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

export function composeModuleZipUrl(proxy = goProxy()): string {
  return `${proxy}/${escapeModulePath(COMPOSE_SPEC.module)}/@v/${COMPOSE_SPEC.version}.zip`;
}

/**
 * The path of the Compose Specification's JSON schema: the tool cache's, else taken now from the
 * pinned compose-go module zip on the Go module proxy (half a megabyte), its SHA-256 checked.
 */
export async function ensureComposeSchema(options: EnsureOptions = {}): Promise<string> {
  const log = options.log ?? (() => undefined);
  const target = composeSchemaPath();
  if (existsSync(target)) return target;
  const url = composeModuleZipUrl();
  log(`deploy validators: downloading ${COMPOSE_SPEC.module}@${COMPOSE_SPEC.version} from ${url}`);
  const zip = await (options.download ?? downloadBuffer)(url);
  const sha256 = createHash('sha256').update(zip).digest('hex');
  if (sha256 !== COMPOSE_SPEC.zipSha256)
    throw new Error(
      `${url}: SHA-256 ${sha256}, expected ${COMPOSE_SPEC.zipSha256}: not the pinned module zip`,
    );
  const entry = `${COMPOSE_SPEC.module}@${COMPOSE_SPEC.version}/${COMPOSE_SPEC.file}`;
  const schema = zipEntry(zip, entry);
  if (!schema) throw new Error(`${url} has no ${entry}`);
  JSON.parse(schema.toString('utf8'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(`${target}.tmp`, schema);
  renameSync(`${target}.tmp`, target);
  log(`deploy validators: ${target} (${entry})`);
  return target;
}

export interface DeployDocument {
  /** How results name it, e.g. `k8s/api-deployment.yaml`. */
  name: string;
  kind: 'kubernetes' | 'compose';
  /** The YAML text (a file's, or a changed copy of one). */
  text: string;
}

export interface DeployResult {
  name: string;
  kind: DeployDocument['kind'];
  /** The YAML documents as parsed (empty when the YAML itself is broken). */
  parsed: unknown[];
  /** What was checked, e.g. `deployment/ecvet-api against 1.31`. */
  checked: string[];
  errors: string[];
}

export interface DeployValidation {
  tools: Record<string, string>;
  results: DeployResult[];
}

/** Validates the documents with the pinned tools (see `validate_deploy.py`). */
export function validateDeployDocuments(
  python: string,
  composeSchema: string,
  documents: DeployDocument[],
  kubernetesVersions: readonly string[] = KUBERNETES_VERSIONS,
): DeployValidation {
  const script = join(projectRoot(), 'infra', 'validators', 'validate_deploy.py');
  const result = spawnSync(python, [script], {
    input: JSON.stringify({ kubernetesVersions, composeSchema, documents }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 5 * 60_000,
  });
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(`validate_deploy.py exited ${result.status}: ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout) as DeployValidation;
}

async function downloadBuffer(url: string): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${res.statusText}`);
  return Buffer.from(await res.arrayBuffer());
}

/** For messages: the pinned tools in one line. */
export function describeValidators(): string {
  return (
    `${KUBERNETES_VALIDATE.pkg}==${KUBERNETES_VALIDATE.version} (PyPI; Kubernetes ` +
    `${KUBERNETES_VERSIONS.join(', ')}), ${COMPOSE_SPEC.module}@${COMPOSE_SPEC.version} ` +
    `${COMPOSE_SPEC.file} (Go module proxy)`
  );
}

/** Reads a file of the repository as a document to validate. */
export function deployDocument(file: string, name: string, kind: DeployDocument['kind']) {
  return { name, kind, text: readFileSync(file, 'utf8') } satisfies DeployDocument;
}
