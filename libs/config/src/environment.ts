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
  ValidatorConstraint,
  validateSync,
  ValidationError,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
// Relative: the reminder policy is pure domain code, and infra/ compiles with plain tsc.
import { durationMs, resolvePolicy } from '../../domain/src/reminders/reminder-policy';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every environment variable the apps read, validated once at start-up. A bad value stops the
 * start with a message that names the variable (see `validateEnvironment`).
 */
/** REMINDER_POLICY: valid JSON whose every setting the reminder policy knows. */
@ValidatorConstraint({ name: 'reminderPolicyJson' })
class ReminderPolicyJson implements ValidatorConstraintInterface {
  private problem = '';
  validate(value: unknown): boolean {
    try {
      const parsed: unknown = JSON.parse(String(value));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        this.problem = 'must be a JSON object';
        return false;
      }
      resolvePolicy(parsed as Record<string, unknown>);
      return true;
    } catch (err) {
      this.problem = err instanceof Error ? err.message : String(err);
      return false;
    }
  }
  defaultMessage(): string {
    return `REMINDER_POLICY ${this.problem}`;
  }
}

/** CORS_ORIGINS: the exact origins (`scheme://host[:port]`, comma-separated) that may call the
 * API from a browser. Throws a RangeError naming the first one that is not an exact origin. */
export function corsOriginList(value: string): string[] {
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length === 0) throw new RangeError('lists no origin');
  for (const origin of origins) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    // Exact: the browser's Origin header is compared as a string, so no path, no trailing slash,
    // no wildcard, lower case.
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin)
      throw new RangeError(`${origin} is not an exact origin such as https://app.example.org`);
  }
  return origins;
}

/** The rate-limit buckets of the API (their defaults: apps/api/src/security/rate-limit-settings.ts). */
export const RATE_LIMIT_BUCKETS = ['signing-page', 'sign-in', 'token-create'] as const;
export type RateLimitBucket = (typeof RATE_LIMIT_BUCKETS)[number];
export interface RateLimitSetting {
  points: number;
  durationMs: number;
}

const durationOf = (name: string, value: unknown, minMs: number): number => {
  let ms = NaN;
  try {
    ms = durationMs(String(value));
  } catch {
    ms = NaN;
  }
  if (typeof value !== 'string' || !(ms >= minMs))
    throw new RangeError(`${name} must be an ISO 8601 duration of at least ${minMs / 1000} s`);
  return ms;
};

const jsonObject = (value: string): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new RangeError('must be a JSON object');
  return parsed as Record<string, unknown>;
};

/** RATE_LIMITS: `{"signing-page":"30/PT1M","sign-in":"10/PT1M","token-create":"20/PT1H"}`, any
 * subset — points per ISO 8601 duration. */
export function rateLimitOverrides(
  value: string,
): Partial<Record<RateLimitBucket, RateLimitSetting>> {
  const overrides: Partial<Record<RateLimitBucket, RateLimitSetting>> = {};
  for (const [bucket, setting] of Object.entries(jsonObject(value))) {
    if (!(RATE_LIMIT_BUCKETS as readonly string[]).includes(bucket))
      throw new RangeError(`${bucket}: not a bucket (${RATE_LIMIT_BUCKETS.join(', ')})`);
    const match = typeof setting === 'string' ? /^(\d{1,9})\/(P\S+)$/.exec(setting) : null;
    if (!match || Number(match[1]) < 1)
      throw new RangeError(`${bucket}: must be "<points>/<ISO 8601 duration>", e.g. "30/PT1M"`);
    overrides[bucket as RateLimitBucket] = {
      points: Number(match[1]),
      durationMs: durationOf(bucket, match[2], 1000),
    };
  }
  return overrides;
}

/** How the sign-in lock-out grows: after `after` consecutive failures (of one e-mail from one IP)
 * a lock of `first`, doubled by each further failure up to `max`; a run of failures is forgotten
 * `forgetAfter` after its first one. */
export interface SignInLockoutSetting {
  after: number;
  firstMs: number;
  maxMs: number;
  forgetAfterMs: number;
}

/** SIGN_IN_LOCKOUT: `{"after":5,"first":"PT30S","max":"PT1H","forgetAfter":"P1D"}`, any subset. */
export function signInLockoutOverrides(value: string): Partial<SignInLockoutSetting> {
  const overrides: Partial<SignInLockoutSetting> = {};
  for (const [key, setting] of Object.entries(jsonObject(value))) {
    if (key === 'after') {
      if (!Number.isInteger(setting) || (setting as number) < 1)
        throw new RangeError('after: must be a whole number of failures, at least 1');
      overrides.after = setting as number;
    } else if (key === 'first') overrides.firstMs = durationOf(key, setting, 100);
    else if (key === 'max') overrides.maxMs = durationOf(key, setting, 100);
    else if (key === 'forgetAfter') overrides.forgetAfterMs = durationOf(key, setting, 1000);
    else throw new RangeError(`${key}: not a setting (after, first, max, forgetAfter)`);
  }
  return overrides;
}

/** SESSION_IDLE_TIMEOUT, SESSION_ABSOLUTE_TIMEOUT: an ISO 8601 duration of at least 1 s. */
export function sessionTimeoutMs(value: string): number {
  try {
    return durationOf('timeout', value, 1000);
  } catch {
    throw new RangeError('must be an ISO 8601 duration of at least 1 s, e.g. PT30M');
  }
}

/** OIDC_ISSUER_URL: https, or http on the loopback (a local test issuer); no query, no fragment. */
export function oidcIssuerUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const loopback =
    url !== undefined && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)))
    throw new RangeError('must be an https:// URL (http:// only on the loopback)');
  if (url.search || url.hash) throw new RangeError('must have no query and no fragment');
  return url;
}

/** A further relying party of the embedded OpenID provider (`OIDC_PROVIDER_CLIENTS`). */
export interface OidcProviderClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/** OIDC_PROVIDER_CLIENTS: `[{"client_id":"…","client_secret":"…","redirect_uris":["https://…"]}]`. */
export function oidcProviderClients(value: string): OidcProviderClient[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) throw new RangeError('must be a JSON array of clients');
  return parsed.map((entry: unknown, i) => {
    const c = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const uris = c.redirect_uris;
    if (typeof c.client_id !== 'string' || !/^[A-Za-z0-9._~-]{1,100}$/.test(c.client_id))
      throw new RangeError(`[${i}].client_id: must be 1 to 100 of A-Z a-z 0-9 . _ ~ -`);
    if (c.client_id === 'ecvet')
      throw new RangeError(`[${i}].client_id: "ecvet" is the system's own`);
    if (typeof c.client_secret !== 'string' || c.client_secret.length < 32)
      throw new RangeError(`[${i}].client_secret: must be at least 32 characters`);
    if (!Array.isArray(uris) || uris.length === 0 || !uris.every((u) => typeof u === 'string'))
      throw new RangeError(`[${i}].redirect_uris: must be a non-empty array of URLs`);
    for (const uri of uris) {
      try {
        oidcIssuerUrl(uri);
      } catch {
        throw new RangeError(
          `[${i}].redirect_uris: ${uri} must be https:// (http:// only on the loopback)`,
        );
      }
    }
    return {
      client_id: c.client_id,
      client_secret: c.client_secret,
      redirect_uris: uris,
    };
  });
}

/** A variable whose value a parser above accepts; the message is the parser's. */
@ValidatorConstraint({ name: 'parsedSetting' })
class ParsedSetting implements ValidatorConstraintInterface {
  private problem = '';
  validate(value: unknown, args: ValidationArguments): boolean {
    const [parse] = args.constraints as [(value: string) => unknown];
    try {
      parse(String(value));
      return true;
    } catch (err) {
      this.problem = err instanceof Error ? err.message : String(err);
      return false;
    }
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} ${this.problem}`;
  }
}

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

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SEAL_INTERVAL_SECONDS = 60;

  /** host:port of the Temporal frontend. */
  @IsString()
  @Matches(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, {
    message: 'TEMPORAL_ADDRESS must be host:port, e.g. 127.0.0.1:7233',
  })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'TEMPORAL_NAMESPACE must be a namespace name' })
  TEMPORAL_NAMESPACE = 'default';

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
