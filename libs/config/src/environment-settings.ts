import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
// Relative: the reminder policy is pure domain code, and infra/ compiles with plain tsc.
import { durationMs, resolvePolicy } from '../../domain/src/reminders/reminder-policy';

/*
 * The parsers and validators of the environment's structured settings (JSON policies, origins,
 * durations, OpenID settings): each throws a message naming what is wrong, which
 * `validateEnvironment` reports with the variable's name (environment.ts).
 */

/** REMINDER_POLICY: valid JSON whose every setting the reminder policy knows. */
@ValidatorConstraint({ name: 'reminderPolicyJson' })
export class ReminderPolicyJson implements ValidatorConstraintInterface {
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

/**
 * TRUST_PROXY as Express's `trust proxy`: a hop count (`1`: the one reverse proxy or ingress in
 * front), or the proxies' addresses / CIDR ranges / Express's names (`loopback`, `linklocal`,
 * `uniquelocal`), comma-separated. Only then does the API take the client's address from
 * X-Forwarded-For — for the per-address limits and the sign-in lock-out.
 */
export function trustProxySetting(value: string): number | string[] {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 10) throw new RangeError('must be a hop count from 1 to 10');
    return hops;
  }
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new RangeError('lists no proxy');
  for (const entry of entries)
    if (!/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(entry))
      throw new RangeError(
        `${entry} is not an address, a CIDR range or loopback/linklocal/uniquelocal`,
      );
  return entries;
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

/** AUDIT_CHECKPOINT_DIGEST: how often the signed checkpoint is mailed — an ISO 8601 duration of
 * at least a minute; its periods are counted from 1970-01-01T00:00Z (P1D: each UTC day). */
export function checkpointDigestPeriodMs(value: string): number {
  try {
    return durationOf('period', value, 60_000);
  } catch {
    throw new RangeError('must be an ISO 8601 duration of at least 1 min, e.g. P1D or PT6H');
  }
}

/** AUDIT_CHECKPOINT_RECIPIENTS: e-mail addresses, comma-separated (none: no digest). */
export function mailAddressList(value: string): string[] {
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  for (const address of addresses)
    if (!/^[^\s@,<>"]+@[^\s@,<>"]+\.[^\s@,<>"]+$/.test(address))
      throw new RangeError(`${address} is not an e-mail address`);
  return addresses;
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
export class ParsedSetting implements ValidatorConstraintInterface {
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

/**
 * A PEM setting: the PEM text itself (a secret in the environment) or the path of a file that
 * holds it (a mounted secret). Returns the PEM text.
 */
export function pemOrFile(value: string): string {
  if (value.includes('-----BEGIN ')) return value;
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch {
    throw new RangeError('must be PEM text or the path of a readable PEM file');
  }
  if (!text.includes('-----BEGIN '))
    throw new RangeError(`must be PEM text or the path of a PEM file (${value} holds no PEM)`);
  return text;
}

/** Set together with another setting, or not at all (`constraints`: the other's name). */
@ValidatorConstraint({ name: 'pairedSetting' })
export class PairedSetting implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const [other] = args.constraints as [string];
    const present = (v: unknown) => v !== undefined && v !== '';
    return present(value) === present((args.object as Record<string, unknown>)[other]);
  }
  defaultMessage(args: ValidationArguments): string {
    const [other] = args.constraints as [string];
    return `${args.property} and ${other} go together: set both or neither`;
  }
}

/**
 * SEAL_TRUSTED_KEYS: the Ed25519 public keys (SPKI PEM blocks, one after another; or the path of
 * a file holding them) of earlier seal signing keys, trusted beside SEAL_SIGNING_KEY's own when
 * the log is verified and carried in audit bundles, so that seals signed before a key rotation
 * still verify.
 */
export function sealTrustedKeys(value: string): KeyObject[] {
  const text = pemOrFile(value);
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [];
  if (blocks.length === 0) throw new RangeError('must hold PEM public keys (BEGIN PUBLIC KEY)');
  return blocks.map((block, i) => {
    let key: KeyObject;
    try {
      key = createPublicKey(block);
    } catch {
      throw new RangeError(`key ${i + 1} is not a readable public key`);
    }
    if (key.asymmetricKeyType !== 'ed25519')
      throw new RangeError(`key ${i + 1} is ${key.asymmetricKeyType}, not Ed25519`);
    return key;
  });
}
