import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  ValidateIf,
  Max,
  Min,
  Validate,
  validateSync,
  ValidationError,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every environment variable the apps read, validated once at start-up. A bad value stops the
 * start with a message that names the variable (see `validateEnvironment`).
 */
import {
  checkpointDigestPeriodMs,
  corsOriginList,
  mailAddressList,
  oidcIssuerUrl,
  oidcProviderClients,
  PairedSetting,
  ParsedSetting,
  pemOrFile,
  rateLimitOverrides,
  ReminderPolicyJson,
  sealTrustedKeys,
  sessionTimeoutMs,
  signInLockoutOverrides,
  trustProxySetting,
} from './environment-settings';

export * from './environment-settings';

export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** HTTP port of the API. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** PostgreSQL connection string; `npm start` fills it with the embedded server's. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// connection string',
  })
  DATABASE_URL!: string;

  /** Connections of each process's request pool (commands, reads, sessions). The consumers'
   * leases and LISTEN connections come from it too (about 5 in the API), so a pool of 10 made
   * requests wait for a connection under load; the event store has a pool of its own. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(500)
  DATABASE_POOL_SIZE = 20;

  /** Role that applies migrations at start-up (the schema owner); default: DATABASE_URL. */
  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, {
    message: 'DATABASE_ADMIN_URL must be a postgres:// or postgresql:// connection string',
  })
  DATABASE_ADMIN_URL?: string;

  /** Which event store adapter: PostgreSQL (default) or KurrentDB / EventStoreDB. */
  @IsIn(['postgres', 'kurrentdb'])
  EVENT_STORE: 'postgres' | 'kurrentdb' = 'postgres';

  @ValidateIf((env: Environment) => env.EVENT_STORE === 'kurrentdb')
  @IsString({ message: 'KURRENTDB_URL is required when EVENT_STORE=kurrentdb' })
  @Matches(/^(kurrentdb|esdb|kdb)(\+discover)?:\/\/[^\s]+$/, {
    message: 'KURRENTDB_URL must be a kurrentdb:// (or esdb://) connection string',
  })
  KURRENTDB_URL?: string;

  /** 32 random bytes, base64: wraps the per-subject keys of personal data. Losing it loses every
   * learner's personal fields; `npm start` keeps one under .data/keys/. */
  @IsString({ message: 'PII_MASTER_KEY is required (32 random bytes, base64)' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_MASTER_KEY must be 32 bytes in base64' })
  PII_MASTER_KEY!: string;

  /** Ed25519 private key (PKCS#8 PEM) that signs the seals of the event log; without it the
   * worker does not seal. */
  @IsOptional()
  @IsString()
  @Matches(/-----BEGIN PRIVATE KEY-----/, {
    message: 'SEAL_SIGNING_KEY must be a PKCS#8 PEM private key',
  })
  SEAL_SIGNING_KEY?: string;

  /** Public keys of earlier seal signing keys (PEM blocks, or a PEM file's path), trusted beside
   * SEAL_SIGNING_KEY's own after a rotation: verification and audit bundles accept their seals. */
  @IsOptional()
  @Validate(ParsedSetting, [sealTrustedKeys])
  SEAL_TRUSTED_KEYS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SEAL_INTERVAL_SECONDS = 60;

  /** Who the worker mails the signed checkpoint to, once per AUDIT_CHECKPOINT_DIGEST period
   * (e-mail addresses, comma-separated); without it, no digest. Needs SEAL_SIGNING_KEY. */
  @IsOptional()
  @Validate(ParsedSetting, [mailAddressList])
  AUDIT_CHECKPOINT_RECIPIENTS?: string;

  /** How often the checkpoint digest goes out: an ISO 8601 duration (at least PT1M), periods
   * counted from 1970-01-01T00:00Z — P1D is each UTC day, PT6H at 00, 06, 12 and 18 UTC. */
  @Validate(ParsedSetting, [checkpointDigestPeriodMs])
  AUDIT_CHECKPOINT_DIGEST = 'P1D';

  /** host:port of the Temporal frontend. */
  @IsString()
  @Matches(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, {
    message: 'TEMPORAL_ADDRESS must be host:port, e.g. 127.0.0.1:7233',
  })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'TEMPORAL_NAMESPACE must be a namespace name' })
  TEMPORAL_NAMESPACE = 'default';

  /** `on`: TLS to the Temporal frontend, trusting the system's CAs (Temporal Cloud); implied by
   * any of TEMPORAL_TLS_CA, TEMPORAL_TLS_CERT/KEY, TEMPORAL_TLS_SERVER_NAME, TEMPORAL_API_KEY. */
  @IsIn(['on', 'off'])
  TEMPORAL_TLS: 'on' | 'off' = 'off';

  /** The CA that signed the frontend's certificate (PEM, or a PEM file's path), when it is not
   * one the system trusts (a self-managed cluster). */
  @IsOptional()
  @Validate(ParsedSetting, [pemOrFile])
  TEMPORAL_TLS_CA?: string;

  /** The client certificate for mutual TLS (PEM, or a PEM file's path), with TEMPORAL_TLS_KEY. */
  @IsOptional()
  @Validate(ParsedSetting, [pemOrFile])
  @Validate(PairedSetting, ['TEMPORAL_TLS_KEY'])
  TEMPORAL_TLS_CERT?: string;

  /** The client certificate's private key (PEM, or a PEM file's path), with TEMPORAL_TLS_CERT. */
  @IsOptional()
  @Validate(ParsedSetting, [pemOrFile])
  @Validate(PairedSetting, ['TEMPORAL_TLS_CERT'])
  TEMPORAL_TLS_KEY?: string;

  /** The name the frontend's certificate is checked against, when it is not TEMPORAL_ADDRESS's
   * host (a proxy or load balancer in between). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]+$/, { message: 'TEMPORAL_TLS_SERVER_NAME must be a host name' })
  TEMPORAL_TLS_SERVER_NAME?: string;

  /** An API key for the frontend (Temporal Cloud's API keys), sent as a bearer token over TLS. */
  @IsOptional()
  @IsString()
  TEMPORAL_API_KEY?: string;

  /** The Temporal Web UI, for the dashboard's links to a mobility's workflow (`npm start` sets it
   * to its dev server's UI); unset: the dashboard shows no such link. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+/, { message: 'TEMPORAL_UI_URL must be an http(s) URL' })
  TEMPORAL_UI_URL?: string;

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'TEMPORAL_TASK_QUEUE must be a task queue name' })
  TEMPORAL_TASK_QUEUE = 'ecvet';

  /** `on`: workflows upsert EcvetPhase, EcvetInstitution and EcvetOverdue (the cluster must have
   * them registered: `npm start`'s dev server does). */
  @IsIn(['on', 'off'])
  TEMPORAL_SEARCH_ATTRIBUTES: 'on' | 'off' = 'off';

  /** Overrides the default reminder policy system-wide: JSON of ISO 8601 durations and counts,
   * e.g. {"firstReminderAfter":"PT5S","repeatEvery":"PT5S","escalateAfter":2}. */
  @IsOptional()
  @Validate(ReminderPolicyJson)
  REMINDER_POLICY?: string;

  /** smtp(s)://user:pass@host:port — without it, mail stays in the local outbox (GET /outbox). */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be smtp://host:port or smtps://…' })
  SMTP_URL?: string;

  /** The From of outgoing mail. */
  @IsString()
  MAIL_FROM = 'ECVET Mobility Engine <no-reply@ecvet.local>';

  /** Where people reach the API (links in mails); default http://localhost:$PORT. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  /** Signs the signing links (32+ random bytes, base64). Default: derived from PII_MASTER_KEY. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/=_-]{43,}$/, {
    message: 'SIGNING_LINK_SECRET must be ≥ 32 bytes in base64',
  })
  SIGNING_LINK_SECRET?: string;

  /** The reverse proxies in front of the API (see `trustProxySetting`); unset: none trusted,
   * X-Forwarded-For ignored. */
  @IsOptional()
  @Validate(ParsedSetting, [trustProxySetting])
  TRUST_PROXY?: string;

  /** Exact origins (comma-separated) whose browser pages may call the API; without it, no
   * cross-origin request is allowed (no Access-Control-Allow-Origin). */
  @IsOptional()
  @Validate(ParsedSetting, [corsOriginList])
  CORS_ORIGINS?: string;

  /** Overrides the rate-limit buckets' defaults (see `rateLimitOverrides`). */
  @IsOptional()
  @Validate(ParsedSetting, [rateLimitOverrides])
  RATE_LIMITS?: string;

  /** Overrides how the sign-in lock-out grows (see `signInLockoutOverrides`). */
  @IsOptional()
  @Validate(ParsedSetting, [signInLockoutOverrides])
  SIGN_IN_LOCKOUT?: string;

  /** `required` (default): every account signs in with a password and a TOTP code, and one
   * without a second factor enrols it at its next sign-in; `optional`: a password is enough for
   * an account that has not enrolled one. (The embedded OpenID provider only.) */
  @IsIn(['required', 'optional'])
  AUTH_MFA: 'required' | 'optional' = 'required';

  /** A browser session ends after this long without a request (ISO 8601 duration). */
  @Validate(ParsedSetting, [sessionTimeoutMs])
  SESSION_IDLE_TIMEOUT = 'PT30M';

  /** A browser session ends this long after sign-in, however active (ISO 8601 duration). */
  @Validate(ParsedSetting, [sessionTimeoutMs])
  SESSION_ABSOLUTE_TIMEOUT = 'PT12H';

  /** Sign in through the institution's own OpenID provider (Entra ID, Google, Keycloak, EU
   * Login) instead of the embedded one, which is then not served. */
  @IsOptional()
  @Validate(ParsedSetting, [oidcIssuerUrl])
  OIDC_ISSUER_URL?: string;

  /** The system's client id at OIDC_ISSUER_URL. */
  @ValidateIf((env: Environment) => env.OIDC_ISSUER_URL !== undefined)
  @IsString({ message: 'OIDC_CLIENT_ID is required with OIDC_ISSUER_URL' })
  OIDC_CLIENT_ID?: string;

  /** The system's client secret at OIDC_ISSUER_URL (client_secret_basic). */
  @ValidateIf((env: Environment) => env.OIDC_ISSUER_URL !== undefined)
  @IsString({ message: 'OIDC_CLIENT_SECRET is required with OIDC_ISSUER_URL' })
  OIDC_CLIENT_SECRET?: string;

  /** The claim of OIDC_ISSUER_URL's ID token (or userinfo) that holds the e-mail address by which
   * accounts are matched; e.g. `preferred_username` for Entra ID without the optional `email`. */
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'OIDC_EMAIL_CLAIM must be a claim name' })
  OIDC_EMAIL_CLAIM = 'email';

  /** `required` (default): the e-mail counts only with `email_verified: true`; `not-required`:
   * the issuer vouches for its e-mail claim without saying so (Entra ID). */
  @IsIn(['required', 'not-required'])
  OIDC_EMAIL_VERIFIED: 'required' | 'not-required' = 'required';

  /** Further relying parties of the embedded OpenID provider (see `oidcProviderClients`): e.g.
   * another deployment that signs in with this one's accounts. */
  @IsOptional()
  @Validate(ParsedSetting, [oidcProviderClients])
  OIDC_PROVIDER_CLIENTS?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** `pretty` for people at a terminal, `json` for machines; default: pretty on a TTY. */
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = process.stdout.isTTY ? 'pretty' : 'json';
}

export class ConfigurationError extends Error {
  constructor(
    readonly variables: string[],
    message: string,
  ) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/** The `validate` hook of @nestjs/config: returns the typed, defaulted environment or throws a
 * `ConfigurationError` naming each bad variable. Unknown variables are ignored (it is the whole
 * process environment). */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''),
  );
  const env = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) throw toConfigurationError(errors);
  return env;
}

function toConfigurationError(errors: ValidationError[]): ConfigurationError {
  const lines = errors.map(
    (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'invalid'}`,
  );
  return new ConfigurationError(
    errors.map((e) => e.property),
    `Invalid configuration:\n${lines.join('\n')}`,
  );
}
