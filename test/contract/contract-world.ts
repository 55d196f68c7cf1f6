import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { AccountService, ReadModelProjection } from '@ecvet/application';
import { PostgresSealer, type SealSigner } from '@ecvet/event-store';
import { provisionedToken } from '../support/api-app';
import { setupContext } from '../support/command-context';
import { annijasWorld } from '../support/world';

/** Who the contract run acts as: the platform's operator, who may call nearly every operation. */
export const CONTRACT_OPERATOR = { role: 'operator', email: 'operator@contract.example' } as const;

/**
 * The account that the operations changing an account (role, disable, token revocation) are
 * pointed at: done to the operator the run signs in as, they would end its own authentication
 * half-way through the run.
 */
export const TARGET_ACCOUNT_ID = 'acc-contract-target';

export interface ContractWorld {
  /** The operator's API token. */
  token: string;
  /** A token of the target account, for the revocation to hit an existing one. */
  targetTokenId: string;
}

/**
 * Records for path parameters to hit, so that operations are exercised on existing objects as
 * well as on unknown ones: the single-partnership world (institutions `school`, `host`, `other`,
 * the qualification `cook`, the partnership `p1` with a signed MoU, Annija's mobility `m1` with
 * its agreement drafted), the target account with a token, the log sealed (so that the signed
 * checkpoint exists) and the read models caught up (so that lists show them).
 */
export async function contractWorld(
  app: INestApplication,
  databaseUrl: string,
  sealer: SealSigner,
): Promise<ContractWorld> {
  await annijasWorld({ app });
  const accounts = app.get(AccountService);
  await accounts.provision(
    TARGET_ACCOUNT_ID,
    {
      email: 'target@contract.example',
      name: 'Target',
      role: 'coordinator',
      institutionId: 'school',
    },
    setupContext('system:contract-setup'),
  );
  const expiresAt = new Date(Date.now() + 24 * 3_600_000).toISOString();
  const { tokenId: targetTokenId } = await accounts.createApiToken(
    TARGET_ACCOUNT_ID,
    { label: 'revoked by the contract run', expiresAt },
    setupContext('system:contract-setup'),
  );
  const token = await provisionedToken(accounts, new Map(), CONTRACT_OPERATOR);
  const pool = new Pool({ connectionString: databaseUrl });
  try {
    await new PostgresSealer(pool, sealer).sealPending();
    const { rows } = await pool.query<{ checkpoint: string }>(
      `SELECT lpad(tx_id::text, 20, '0') || '-' || lpad(position::text, 20, '0') AS checkpoint
         FROM ecvet_events ORDER BY tx_id DESC, position DESC LIMIT 1`,
    );
    if (rows[0]) await app.get(ReadModelProjection).caughtUpTo(rows[0].checkpoint);
  } finally {
    await pool.end();
  }
  return { token, targetTokenId };
}
