import { createHash, hkdfSync } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { Language, SignatoryRole } from '../composer/mail.types';

export const SIGNING_LINK_AUDIENCE = 'ecvet-signing';
export const SIGNING_LINK_ISSUER = 'ecvet-mobility-engine';
/** A link lives 30 days, or until the signature deadline when that comes first. */
export const SIGNING_LINK_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

const ROLES: readonly SignatoryRole[] = ['sending-school', 'host', 'learner', 'guardian'];
const LANGUAGES: readonly Language[] = ['lv', 'en'];

/**
 * What a signing link grants: one signatory, one version (by its content hash), one use, until a
 * newer link for the same version and role replaces it.
 */
export interface SigningLinkClaims {
  /** The mobility. */
  mid: string;
  /** The agreement version. */
  v: number;
  role: SignatoryRole;
  /** The content hash of that version: what the signatory signs. */
  h: string;
  /**
   * The id of the event that carried the link (a reminder, or the reissue of a link): the
   * single-use key.
   */
  jti: string;
  /** The language of the page. */
  lang: Language;
  /**
   * The link's generation: how many times a link was sent afresh for this version and role
   * (`SigningLinkReissued`) before it was issued. A link of an older generation than the
   * stream's is replaced. Absent (0) on links issued before reissues existed.
   */
  g?: number;
}

export interface VerifiedSigningLink extends SigningLinkClaims {
  g: number;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

/**
 * A link's token as it is stored: its SHA-256 (hex). The outbox keeps this — and the link's
 * claims, which are no secret — never the token itself once the mail has gone.
 */
export function signingLinkHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token of a link (`…/sign/<token>`). */
export function tokenOfLink(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
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

  /** A link, and the claims it carries as `verify` reads them (what the outbox keeps). */
  async issue(
    claims: SigningLinkClaims,
    times: { issuedAt: Date; expiresAt: Date },
  ): Promise<{ token: string; url: string; expiresAt: Date; claims: VerifiedSigningLink }> {
    const { mid, v, role, h, jti, lang, g } = claims;
    // The claims in a fixed order, generation 0 left out (as links before reissues were): the
    // same claims give the same token (`reissue`).
    const payload = { mid, v, role, h, lang, ...(g ? { g } : {}) };
    const iat = Math.floor(times.issuedAt.getTime() / 1000);
    const exp = Math.floor(times.expiresAt.getTime() / 1000);
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(SIGNING_LINK_ISSUER)
      .setAudience(SIGNING_LINK_AUDIENCE)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.secret);
    return {
      token,
      url: this.urlFor(token),
      expiresAt: new Date(exp * 1000),
      claims: { mid, v, role, h, jti, lang, g: g ?? 0, iat, exp },
    };
  }

  /**
   * The token of stored claims (a link kept in the local outbox), signed again: the same token
   * as long as the key is the same. Whoever holds the database alone cannot do this.
   */
  async reissue(
    stored: VerifiedSigningLink,
  ): Promise<{ token: string; url: string; expiresAt: Date }> {
    const { iat, exp, ...claims } = stored;
    return this.issue(claims, {
      issuedAt: new Date(iat * 1000),
      expiresAt: new Date(exp * 1000),
    });
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
    const { mid, v, role, h, jti, lang, g, iat, exp } = payload;
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
      (g !== undefined && (typeof g !== 'number' || !Number.isInteger(g) || g < 0)) ||
      typeof iat !== 'number' ||
      typeof exp !== 'number'
    )
      throw new SigningLinkInvalid('unexpected claims');
    return {
      mid,
      v,
      role: role as SignatoryRole,
      h,
      jti,
      lang: lang as Language,
      g: g ?? 0,
      iat,
      exp,
    };
  }
}
