import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AccountService, type UseCaseContext } from '@ecvet/application';
import type { SignInFailureReason, SignInMethod } from '@ecvet/domain';

/** The context of a sign-in record: the system records it, for no principal. */
export function signInContext(): UseCaseContext {
  const commandId = randomUUID();
  return {
    commandId,
    actor: { id: 'system:sign-in', role: 'system' },
    issuedAt: new Date().toISOString(),
    correlationId: commandId,
    causationId: commandId,
  };
}

/**
 * The security events of signing in, in the account's stream (AccountService): `SignedIn` with
 * the method and the session's id, `SignInFailed` with the reason, `SignedOut`,
 * `SecondFactorEnrolled`. A failure to record a failure is logged, not shown to the person.
 */
@Injectable()
export class SignInRecords {
  private readonly logger = new Logger(SignInRecords.name);

  constructor(private readonly accounts: AccountService) {}

  async signedIn(
    accountId: string,
    method: SignInMethod,
    sessionId: string,
    issuer?: string,
  ): Promise<void> {
    await this.accounts.recordSignIn(
      accountId,
      { method, sessionId, ...(issuer !== undefined && { issuer }) },
      signInContext(),
    );
  }

  async failed(accountId: string, reason: SignInFailureReason): Promise<void> {
    await this.accounts
      .recordSignInFailure(accountId, { reason }, signInContext())
      .catch((err: unknown) =>
        this.logger.warn(
          `could not record SignInFailed (${reason}) of ${accountId}: ${String(err)}`,
        ),
      );
  }

  async signedOut(accountId: string, sessionId?: string): Promise<void> {
    await this.accounts.recordSignOut(
      accountId,
      sessionId === undefined ? {} : { sessionId },
      signInContext(),
    );
  }

  async enrolledTotp(accountId: string): Promise<void> {
    await this.accounts.enrolSecondFactor(accountId, { method: 'totp' }, signInContext());
  }
}
