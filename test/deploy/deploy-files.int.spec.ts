import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import {
  ConfigurationError,
  Environment,
  validateEnvironment,
} from '../../libs/config/src/environment';
import { MIGRATION_FOLDERS } from '../../libs/database/src/migrations/migrate-database';
import {
  COMPOSE_SPEC,
  describeValidators,
  ensureComposeSchema,
  ensureValidatorPython,
  KUBERNETES_VERSIONS,
  validateDeployDocuments,
  type DeployDocument,
  type DeployResult,
  type DeployValidation,
} from '../../infra/validators/deploy-validators';

/**
 * The production deployment files (infra/deploy/): every Kubernetes manifest against the
 * Kubernetes JSON schemas, the compose file against the Compose Specification's, both with
 * pinned tools obtained into the tool cache on first use; then what no schema knows — the
 * settings the apps require, the probes, the replicas, the order of migrations, secrets kept out.
 */
jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');
const DEPLOY = join(ROOT, 'infra', 'deploy');
const K8S = join(DEPLOY, 'k8s');
const read = (file: string) => readFileSync(file, 'utf8');
const log = (line: string) => process.stderr.write(`[deploy] ${line}\n`);

/** Kept out of kustomization.yaml on purpose (see the files). */
const NOT_KUSTOMIZED = ['secret.template.yaml', 'replay-check-job.yaml'];
const manifestFiles = readdirSync(K8S)
  .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
  .sort();

const documents = (): DeployDocument[] => [
  ...manifestFiles.map((f) => ({
    name: `k8s/${f}`,
    kind: 'kubernetes' as const,
    text: read(join(K8S, f)),
  })),
  { name: 'compose.yaml', kind: 'compose', text: read(join(DEPLOY, 'compose.yaml')) },
];

let python: string;
let composeSchema: string;
let validation: DeployValidation;

beforeAll(async () => {
  log(`validators: ${describeValidators()}`);
  python = ensureValidatorPython({ log });
  composeSchema = await ensureComposeSchema({ log });
  validation = validateDeployDocuments(python, composeSchema, documents());
  log(
    `checked with ${Object.entries(validation.tools)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; Kubernetes ${KUBERNETES_VERSIONS.join(', ')}; compose-spec.json of ` +
      `${COMPOSE_SPEC.module}@${COMPOSE_SPEC.version}`,
  );
}, 15 * 60_000);

const resultOf = (name: string): DeployResult => {
  const result = validation.results.find((r) => r.name === name);
  if (!result) throw new Error(`no result for ${name}`);
  return result;
};

// ---- the parsed files -------------------------------------------------------------------------

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
const objects = (): K8sObject[] =>
  validation.results.filter((r) => r.kind === 'kubernetes').flatMap((r) => r.parsed as K8sObject[]);
const object = (kind: string, name: string): K8sObject => {
  const found = objects().find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const compose = (): any => resultOf('compose.yaml').parsed[0];
const configMap = () => object('ConfigMap', 'ecvet-config').data!;
const templateSecret = (name: string) => object('Secret', name).stringData!;
const deployments = { api: 'ecvet-api', worker: 'ecvet-worker' } as const;
const podSpec = (app: keyof typeof deployments) =>
  object('Deployment', deployments[app]).spec.template.spec;
const mainContainer = (app: keyof typeof deployments) =>
  podSpec(app).containers.find((c: any) => c.name === app);

/** The variables a Kubernetes container gets: its env, and the keys of what envFrom names. */
function k8sEnvironment(container: any): Map<string, string> {
  const env = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const source = from.configMapRef
      ? object('ConfigMap', from.configMapRef.name).data
      : templateSecret(from.secretRef.name);
    for (const [k, v] of Object.entries(source ?? {})) env.set(k, v);
  }
  for (const e of container.env ?? []) env.set(e.name, e.value ?? `<from ${e.name}>`);
  return env;
}

/** Compose's interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`. */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match: string, name?: string, op?: string, arg?: string, bare?: string) => {
      if (match === '$$') return '$';
      const key = (name ?? bare)!;
      const v = env[key];
      if (!op) return v ?? '';
      const unset = op.startsWith(':') ? !v : v === undefined;
      if (op.endsWith('-')) return unset ? (arg ?? '') : v!;
      if (unset) throw new Error(`${key}: ${arg}`);
      return v!;
    },
  );
}
const composeEnvironment = (service: string): Record<string, string> =>
  compose().services[service].environment;

// ---- settings ----------------------------------------------------------------------------------

/** Without a default: the apps do not start without them (validateEnvironment says which). */
function requiredByTheApps(): string[] {
  try {
    validateEnvironment({});
  } catch (err) {
    if (err instanceof ConfigurationError) return err.variables;
    throw err;
  }
  return [];
}
/** Defaulted for `npm start` on one machine, wrong or weak in production. */
const PRODUCTION = [
  'NODE_ENV',
  'LOG_FORMAT',
  'TEMPORAL_ADDRESS',
  'PUBLIC_URL',
  'SEAL_SIGNING_KEY',
  'SIGNING_LINK_SECRET',
];
/** Secrets: never a value in a committed file. */
const SECRETS = ['PII_MASTER_KEY', 'SEAL_SIGNING_KEY', 'SIGNING_LINK_SECRET'];
/** Read by the apps besides the validated Environment, or by Node itself. */
const OTHER_KNOWN = ['NODE_OPTIONS'];
const knownSettings = () =>
  new Set([
    ...getMetadataStorage()
      .getTargetValidationMetadatas(Environment, '', true, false)
      .map((m) => m.propertyName),
    ...OTHER_KNOWN,
  ]);

/** Real-looking secrets, made now, for what the files leave to the operator. */
function sampleSecrets(): Record<string, string> {
  return {
    DATABASE_URL: 'postgres://ecvet_app:app-password@db.internal:5432/ecvet',
    DATABASE_ADMIN_URL: 'postgres://ecvet_owner:owner-password@db.internal:5432/ecvet',
    PII_MASTER_KEY: randomBytes(32).toString('base64'),
    SEAL_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    SIGNING_LINK_SECRET: randomBytes(32).toString('base64'),
    SMTP_URL: 'smtps://mailer:mail-password@smtp.internal:465',
  };
}

describe('the deployment files against their schemas', () => {
  it('every Kubernetes manifest validates, strictly, against each Kubernetes release', () => {
    const k8s = validation.results.filter((r) => r.kind === 'kubernetes');
    expect(k8s.map((r) => r.name)).toEqual(manifestFiles.map((f) => `k8s/${f}`));
    for (const r of k8s) {
      expect({ file: r.name, errors: r.errors }).toEqual({ file: r.name, errors: [] });
      expect(r.checked).toHaveLength(r.parsed.length * KUBERNETES_VERSIONS.length);
    }
    log(`${k8s.flatMap((r) => r.checked).length} Kubernetes checks passed`);
  });

  it('the compose file validates against the Compose Specification', () => {
    const r = resultOf('compose.yaml');
    expect(r.errors).toEqual([]);
    expect(r.checked).toEqual(['compose file against the Compose Specification']);
  });

  it('the validators do fail: broken copies, made in memory, are each refused', () => {
    const api = read(join(K8S, 'api-deployment.yaml'));
    const composeText = read(join(DEPLOY, 'compose.yaml'));
    const broken: DeployDocument[] = [
      {
        name: 'replicas as a word',
        kind: 'kubernetes',
        text: api.replace('replicas: 2', 'replicas: two'),
      },
      {
        name: 'a misspelt field',
        kind: 'kubernetes',
        text: api.replace('readinessProbe:', 'readynessProbe:'),
      },
      {
        name: 'an unknown kind',
        kind: 'kubernetes',
        text: api.replace('kind: Deployment', 'kind: Deploymnet'),
      },
      {
        name: 'a duplicate key',
        kind: 'kubernetes',
        text: api.replace('  replicas: 2\n', '  replicas: 2\n  replicas: 3\n'),
      },
      {
        name: 'a compose key that does not exist',
        kind: 'compose',
        text: composeText.replace('    healthcheck:\n', '    helthcheck:\n'),
      },
      {
        name: 'a compose value of the wrong type',
        kind: 'compose',
        text: composeText.replace('      replicas: 2\n', '      replicas: [2]\n'),
      },
    ];
    const results = validateDeployDocuments(python, composeSchema, broken).results;
    const errors = Object.fromEntries(results.map((r) => [r.name, r.errors.join(' | ')]));
    expect(errors['replicas as a word']).toMatch(/spec\.replicas: 'two' is not of type 'integer'/);
    expect(errors['a misspelt field']).toMatch(/readynessProbe/);
    expect(errors['an unknown kind']).toMatch(/Couldn't find schema for kind Deploymnet/);
    expect(errors['a duplicate key']).toMatch(/duplicate key 'replicas'/);
    expect(errors['a compose key that does not exist']).toMatch(/helthcheck/);
    expect(errors['a compose value of the wrong type']).toMatch(/services\.api\.deploy\.replicas/);
    for (const r of results) expect(r.errors.length).toBeGreaterThan(0);
  });
});

describe('what the schemas cannot know', () => {
  it('the API and the worker get every setting the apps require, in both deployments', () => {
    const required = requiredByTheApps();
    expect(required).toEqual(expect.arrayContaining(['DATABASE_URL', 'PII_MASTER_KEY']));
    for (const app of ['api', 'worker'] as const) {
      const k8s = k8sEnvironment(mainContainer(app));
      const composed = composeEnvironment(app);
      for (const name of [...required, ...PRODUCTION]) {
        expect({ app, name, k8s: k8s.has(name) }).toEqual({ app, name, k8s: true });
        expect({ app, name, compose: name in composed }).toEqual({ app, name, compose: true });
      }
      expect([k8s.get('NODE_ENV'), composed.NODE_ENV]).toEqual(['production', 'production']);
      expect([k8s.get('LOG_FORMAT'), composed.LOG_FORMAT]).toEqual(['json', 'json']);
      // Compose stops before starting anything when a required one is missing from .env.
      for (const name of [...required, ...PRODUCTION.filter((n) => composed[n].includes('${'))])
        expect({ name, value: composed[name] }).toEqual({
          name,
          value: expect.stringMatching(new RegExp(`^\\$\\{${name}:\\?`)),
        });
    }
  });

  it('every setting given to the apps is one they read (no misspelt name goes unnoticed)', () => {
    const known = knownSettings();
    for (const app of ['api', 'worker'] as const) {
      const names = [
        ...k8sEnvironment(mainContainer(app)).keys(),
        ...Object.keys(composeEnvironment(app)),
      ];
      expect(names.filter((n) => !known.has(n))).toEqual([]);
    }
  });

  it('with real secrets in place of the placeholders, the settings pass the apps’ validation', () => {
    const secrets = sampleSecrets();
    for (const app of ['api', 'worker'] as const) {
      const k8s = Object.fromEntries(k8sEnvironment(mainContainer(app)));
      expect(() => validateEnvironment({ ...k8s, ...secrets })).not.toThrow();
      const env = {
        ...secrets,
        TEMPORAL_ADDRESS: 'temporal.internal:7233',
        PUBLIC_URL: 'https://x.example',
      };
      const resolved = Object.fromEntries(
        Object.entries(composeEnvironment(app)).map(([k, v]) => [k, interpolate(String(v), env)]),
      );
      expect(() => validateEnvironment(resolved)).not.toThrow();
    }
    expect(() => interpolate(composeEnvironment('api').PII_MASTER_KEY, {})).toThrow(
      /PII_MASTER_KEY: set PII_MASTER_KEY in .env/,
    );
  });

  it('no secret is committed: templates hold placeholders, which the apps refuse', () => {
    const template = {
      ...templateSecret('ecvet-secrets'),
      ...templateSecret('ecvet-database-admin'),
    };
    for (const [name, value] of Object.entries(template))
      expect({ name, value }).toEqual({ name, value: expect.stringMatching(/<[^>]+>/) });
    const example = Object.fromEntries(
      read(join(DEPLOY, '.env.example'))
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [
          l.slice(0, l.indexOf('=')),
          l.slice(l.indexOf('=') + 1).replace(/^"|"$/g, ''),
        ]),
    );
    for (const name of [...SECRETS, 'DATABASE_URL', 'DATABASE_ADMIN_URL'])
      expect({ name, value: example[name] }).toEqual({
        name,
        value: expect.stringMatching(/<[^>]+>/),
      });
    // Left in, the placeholders stop the start with the variables named.
    for (const values of [template, example]) {
      let refused: string[] = [];
      try {
        validateEnvironment({ ...configMap(), ...values });
      } catch (err) {
        refused = (err as ConfigurationError).variables;
      }
      expect(refused).toEqual(expect.arrayContaining(SECRETS));
    }
    // Nothing key-shaped or password-bearing anywhere under infra/deploy.
    const files = walk(DEPLOY);
    for (const file of files) {
      const text = read(file);
      const where = relative(ROOT, file);
      expect({
        where,
        pem: /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/]{16}/.test(text),
      }).toEqual({ where, pem: false });
      expect({
        where,
        key: text.match(/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/g),
      }).toEqual({ where, key: null });
      const passwords = [...text.matchAll(/[a-z]+:\/\/[^\s:@/]+:([^\s@]+)@/g)].map((m) => m[1]);
      expect({
        where,
        passwords: passwords.filter((p) => !/^<[^>]+>$|^\$\{/.test(p) && p !== '…'),
      }).toEqual({ where, passwords: [] });
    }
  });

  it('the probes: the API is ready on /health/ready and alive on /health/live at its own port; the worker has probes too', () => {
    const port = Number(configMap().PORT);
    const api = mainContainer('api');
    const http = api.ports.find((p: any) => p.name === 'http');
    expect(http.containerPort).toBe(port);
    expect(api.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    for (const probe of [api.livenessProbe, api.startupProbe])
      expect(probe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(compose().services.api.environment.PORT).toBe(String(port));
    expect(compose().services.api.healthcheck.test).toEqual(
      expect.arrayContaining([`http://127.0.0.1:${port}/health/ready`]),
    );
    const worker = mainContainer('worker');
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'])
      expect(worker[probe].exec.command).toEqual([
        'node',
        'dist/infra/deploy/probe.js',
        'temporal-connection',
      ]);
    expect(compose().services.worker.healthcheck.test).toEqual([
      'CMD',
      'node',
      'dist/infra/deploy/probe.js',
      'temporal-connection',
    ]);
  });

  it('the API and the worker run at least two replicas, and a drain leaves one', () => {
    for (const app of ['api', 'worker'] as const) {
      const replicas = object('Deployment', deployments[app]).spec.replicas;
      expect(replicas).toBeGreaterThanOrEqual(2);
      expect(object('PodDisruptionBudget', deployments[app]).spec.minAvailable).toBeLessThan(
        replicas,
      );
      expect(compose().services[app].deploy.replicas).toBeGreaterThanOrEqual(2);
    }
  });

  it('migrations run first, as the schema owner, whom the apps never see', () => {
    const services = compose().services;
    expect(services.migrate.command).toEqual(['node', 'dist/infra/deploy/migrate.js']);
    expect(Object.keys(services.migrate.environment)).toContain('DATABASE_ADMIN_URL');
    const job = object('Job', 'ecvet-migrate').spec.template.spec;
    expect(job.containers[0].command).toEqual(['node', 'dist/infra/deploy/migrate.js']);
    expect(job.containers[0].env.map((e: any) => e.name)).toContain('DATABASE_ADMIN_URL');
    for (const app of ['api', 'worker'] as const) {
      expect(services[app].depends_on.migrate).toEqual({
        condition: 'service_completed_successfully',
      });
      expect(podSpec(app).initContainers[0].command).toEqual([
        'node',
        'dist/infra/deploy/migrate.js',
        '--check',
      ]);
      expect(k8sEnvironment(mainContainer(app)).has('DATABASE_ADMIN_URL')).toBe(false);
      expect('DATABASE_ADMIN_URL' in services[app].environment).toBe(false);
    }
  });

  it('every pod runs unprivileged, with memory requests and limits', () => {
    for (const o of objects().filter((o) => ['Deployment', 'Job'].includes(o.kind))) {
      const pod = o.spec.template.spec;
      expect({ pod: o.metadata.name, nonRoot: pod.securityContext.runAsNonRoot }).toEqual({
        pod: o.metadata.name,
        nonRoot: true,
      });
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        const where = `${o.metadata.name}/${c.name}`;
        expect({ where, escalation: c.securityContext.allowPrivilegeEscalation }).toEqual({
          where,
          escalation: false,
        });
        expect({ where, drop: c.securityContext.capabilities.drop }).toEqual({
          where,
          drop: ['ALL'],
        });
        expect({
          where,
          requests: !!c.resources.requests.memory,
          limits: !!c.resources.limits.memory,
        }).toEqual({ where, requests: true, limits: true });
      }
    }
  });

  it('the commands name files the build makes, from sources that exist', () => {
    const commands = [
      ...objects()
        .filter((o) => ['Deployment', 'Job'].includes(o.kind))
        .flatMap((o) => [
          ...(o.spec.template.spec.initContainers ?? []),
          ...o.spec.template.spec.containers,
        ])
        .flatMap((c: any) => [
          ...(c.command ?? []),
          ...(c.startupProbe?.exec?.command ?? []),
          ...(c.readinessProbe?.exec?.command ?? []),
          ...(c.livenessProbe?.exec?.command ?? []),
        ]),
      ...Object.values<any>(compose().services).flatMap((s) => [
        ...(s.command ?? []),
        ...(s.healthcheck?.test ?? []),
      ]),
      ...read(join(DEPLOY, 'Dockerfile')).match(/dist\/[\w/.-]+\.js/g)!,
    ].filter((arg: string) => /^dist\/.*\.js$/.test(arg));
    expect(commands.length).toBeGreaterThan(10);
    const infraBuild = JSON.parse(read(join(ROOT, 'infra', 'tsconfig.json')));
    expect(infraBuild.include).toEqual(['./**/*.ts']);
    for (const js of new Set(commands)) {
      const source = js.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ js, source: existsSync(join(ROOT, source)) }).toEqual({ js, source: true });
      // nest build compiles the apps' entries; tsc -p infra/tsconfig.json everything under infra/.
      expect({ js, built: /^apps\/(api|worker)\/src\/main\.ts$|^infra\//.test(source) }).toEqual({
        js,
        built: true,
      });
    }
  });

  it('kustomization.yaml lists every manifest but the two kept out, and pins the image', () => {
    const kustomization = read(join(K8S, 'kustomization.yaml'));
    const listed = [...kustomization.matchAll(/^ {2}- ([\w.-]+\.yaml)$/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(manifestFiles.filter((f) => !NOT_KUSTOMIZED.includes(f)));
    expect(kustomization).toMatch(/^images:\n {2}- name: ecvet-mobility-engine\n/m);
    for (const o of objects().filter((o) => ['Deployment', 'Job'].includes(o.kind))) {
      if (o.metadata.name === 'ecvet-replay-check') continue;
      const pod = o.spec.template.spec;
      for (const c of [...(pod.initContainers ?? []), ...pod.containers])
        expect({ c: c.name, image: c.image }).toEqual({
          c: c.name,
          image: 'ecvet-mobility-engine',
        });
    }
  });

  it('the image carries what the apps read at run time, and runs unprivileged', () => {
    const dockerfile = read(join(DEPLOY, 'Dockerfile'));
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^\nFROM \S+ AS runtime$/m);
    const copied = [...runtime.matchAll(/^COPY (?:--from=[\w-]+ )?(.+) \S+$/gm)].flatMap((m) =>
      m[1].split(' ').map((p) => p.replace(/^\/app\//, '')),
    );
    const carried = (path: string) => copied.some((c) => path === c || path.startsWith(`${c}/`));
    const needed = [
      'package.json',
      'nest-cli.json',
      'node_modules',
      'dist',
      'apps/dashboard/dist',
      'workflows/index.ts',
      ...MIGRATION_FOLDERS.map((f) => relative(ROOT, f.dir)),
    ];
    expect(needed.filter((p) => !carried(p))).toEqual([]);
    expect(runtime).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}
