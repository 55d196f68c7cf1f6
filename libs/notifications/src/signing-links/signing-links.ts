import { hkdfSync } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { Language, SignatoryRole } from '../composer/mail.types';

export const SIGNING_LINK_AUDIENCE = 'ecvet-signing';
export const SIGNING_LINK_ISSUER = 'ecvet-mobility-engine';
/** A link lives 30 days, or until the signature deadline when that comes first. */
export const SIGNING_LINK_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

const ROLES: readonly SignatoryRole[] = ['sending-school', 'host', 'learner', 'guardian'];
const LANGUAGES: readonly Language[] = ['lv', 'en'];

/** What a signing link grants: one signatory, one version (by its content hash), one use. */
export interface SigningLinkClaims {
  /** The mobility. */
  mid: string;
  /** The agreement version. */
  v: number;
  role: SignatoryRole;
  /** The content hash of that version: what the signatory signs. */
  h: string;
  /** The id of the reminder event that carried the link: the single-use key. */
  jti: string;
  /** The language of the page. */
  lang: Language;
}

export interface VerifiedSigningLink extends SigningLinkClaims {
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

/** Not a link we issued (malformed, tampered with, another audience or issuer): 400. */
export class SigningLinkInvalid extends Error {
  constructor(reason: string) {
    super(`invalid signing link: ${reason}`);
    this.name = 'SigningLinkInvalid';
  }
}

/** A genuine link past its expiry: 410. */
export class SigningLinkExpired extends Error {
  constructor(
    readonly expiredAt: Date,
    /** The language of the (genuine) link, for the page that says it expired. */
    readonly language?: Language,
  ) {
    super(`the signing link expired at ${expiredAt.toISOString()}`);
    this.name = 'SigningLinkExpired';
  }
}

export interface SigningLinkSettings {
  SIGNING_LINK_SECRET?: string;
  PII_MASTER_KEY: string;
  PUBLIC_URL?: string;
  PORT: number;
}

/**
 * The HS256 key of the links: `SIGNING_LINK_SECRET` (base64), or derived from `PII_MASTER_KEY`
 * with HKDF-SHA256 (info "ecvet signing links"), so that `npm start` needs no extra secret and
 * the worker (which issues) and the API (which verifies) agree.
 */
export function signingLinkSecret(settings: SigningLinkSettings): Uint8Array {
  if (settings.SIGNING_LINK_SECRET)
    return new Uint8Array(Buffer.from(settings.SIGNING_LINK_SECRET, 'base64'));
  const master = Buffer.from(settings.PII_MASTER_KEY, 'base64');
  return new Uint8Array(hkdfSync('sha256', master, Buffer.alloc(0), 'ecvet signing links', 32));
}

/** Where people reach the API: `PUBLIC_URL`, default `http://localhost:$PORT`, no trailing slash. */
export function publicUrlOf(settings: Pick<SigningLinkSettings, 'PUBLIC_URL' | 'PORT'>): string {
  return (settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`).replace(/\/+$/, '');
}

/** 30 days after the reminder, or the deadline if that is earlier (and still ahead). */
export function signingLinkExpiry(issuedAt: Date, deadline?: Date): Date {
  const latest = issuedAt.getTime() + SIGNING_LINK_LIFETIME_MS;
  const due = deadline?.getTime();
  return new Date(due !== undefined && due > issuedAt.getTime() && due < latest ? due : latest);
}

/**
 * Issues and verifies signing links: JWTs (HS256, audience `ecvet-signing`) carrying
 * {@link SigningLinkClaims}. Issuing is deterministic — the same reminder gives the same token —
 * so a replayed outbox projection composes the same mail.
 */
export class SigningLinks {
  constructor(
    private readonly secret: Uint8Array,
    readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  static fromSettings(settings: SigningLinkSettings): SigningLinks {
    return new SigningLinks(signingLinkSecret(settings), publicUrlOf(settings));
  }

  async issue(
    claims: SigningLinkClaims,
    times: { issuedAt: Date; expiresAt: Date },
  ): Promise<{ token: string; url: string; expiresAt: Date }> {
    const { jti, ...payload } = claims;
    const exp = Math.floor(times.expiresAt.getTime() / 1000);
    const token = await new SignJWT({ ...payload })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(SIGNING_LINK_ISSUER)
      .setAudience(SIGNING_LINK_AUDIENCE)
      .setJti(jti)
      .setIssuedAt(Math.floor(times.issuedAt.getTime() / 1000))
      .setExpirationTime(exp)
      .sign(this.secret);
    return { token, url: this.urlFor(token), expiresAt: new Date(exp * 1000) };
  }

  urlFor(token: string): string {
    return `${this.publicUrl}/sign/${token}`;
  }

  /** The claims of a genuine, unexpired link; `SigningLinkInvalid` or `SigningLinkExpired`. */
  async verify(token: string): Promise<VerifiedSigningLink> {
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) || token.length > 4096)
      throw new SigningLinkInvalid('not a token');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        audience: SIGNING_LINK_AUDIENCE,
        issuer: SIGNING_LINK_ISSUER,
        requiredClaims: ['exp', 'iat', 'jti'],
        currentDate: this.now(),
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) {
        const { exp, lang } = err.payload as { exp?: unknown; lang?: unknown };
        throw new SigningLinkExpired(
          new Date(typeof exp === 'number' ? exp * 1000 : 0),
          LANGUAGES.includes(lang as Language) ? (lang as Language) : undefined,
        );
      }
      throw new SigningLinkInvalid(err instanceof Error ? err.message : String(err));
    }
    const { mid, v, role, h, jti, lang, iat, exp } = payload;
    if (
      typeof mid !== 'string' ||
      mid.length === 0 ||
      typeof v !== 'number' ||
      !Number.isInteger(v) ||
      v < 1 ||
      typeof role !== 'string' ||
      !ROLES.includes(role as SignatoryRole) ||
      typeof h !== 'string' ||
      typeof jti !== 'string' ||
      typeof lang !== 'string' ||
      !LANGUAGES.includes(lang as Language) ||
      typeof iat !== 'number' ||
      typeof exp !== 'number'
    )
      throw new SigningLinkInvalid('unexpected claims');
    return { mid, v, role: role as SignatoryRole, h, jti, lang: lang as Language, iat, exp };
  }
}
