import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import type { SignatoryRole } from '../composer/mail.types';
import { SigningLinkGenerations } from './signing-link-generations';
import { SigningLinks, signingLinkHash, type VerifiedSigningLink } from './signing-links';

/** A signing link kept in the local outbox, signed again for an operator to pass on. */
export interface KeptSigningLink {
  /** The outbox mail that carries it. */
  outboxId: string;
  /** The id of the event that carried it (the link's `jti`). */
  linkId: string;
  url: string;
  expiresAt: Date;
}

/** The links' key is not the one the kept link was signed with: a fresh link is needed. */
export class KeptSigningLinkUnavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'KeptSigningLinkUnavailable';
  }
}

/**
 * Without `SMTP_URL` the local outbox is the delivery: nobody else can bring a signatory their
 * link. The outbox keeps no link, only its hash and claims; this signs the claims of the newest
 * link kept for a signatory again — the same token, with the links' key, which the database does
 * not hold. Who may read it, and the record that they did, are the API's (an operator, and
 * `SigningLinkDisclosed` in the mobility's stream).
 */
@Injectable()
export class KeptSigningLinks {
  constructor(
    @InjectPool() private readonly pool: Pool,
    private readonly links: SigningLinks,
    private readonly generations: SigningLinkGenerations,
  ) {}

  /**
   * The newest link kept locally for this signatory of this version, if it still works: not
   * replaced by a reissue, not expired. Undefined when there is none.
   */
  async newest(
    mobilityId: string,
    version: number,
    role: SignatoryRole,
    now: Date = new Date(),
  ): Promise<KeptSigningLink | undefined> {
    const { rows } = await this.pool.query<{
      id: string;
      signing_link_hash: string;
      signing_link_claims: VerifiedSigningLink;
    }>(
      `SELECT id, signing_link_hash, signing_link_claims FROM ecvet_mail_outbox
        WHERE mobility_id = $1 AND status = 'kept-locally' AND signing_link_claims IS NOT NULL
          AND signing_link_claims ->> 'v' = $2 AND signing_link_claims ->> 'role' = $3
        ORDER BY (signing_link_claims ->> 'g')::int DESC, (signing_link_claims ->> 'iat')::bigint DESC,
                 created_at DESC, id DESC
        LIMIT 1`,
      [mobilityId, String(version), role],
    );
    const row = rows[0];
    if (!row) return undefined;
    const claims = row.signing_link_claims;
    const generation = await this.generations.of(mobilityId, version, role);
    if ((claims.g ?? 0) !== generation || claims.exp * 1000 <= now.getTime()) return undefined;
    const { token, url, expiresAt } = await this.links.reissue(claims);
    if (signingLinkHash(token) !== row.signing_link_hash)
      throw new KeptSigningLinkUnavailable(
        'the signing links’ key has changed since this link was kept: send a fresh link',
      );
    return { outboxId: row.id, linkId: claims.jti, url, expiresAt };
  }
}
