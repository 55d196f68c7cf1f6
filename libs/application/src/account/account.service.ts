import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type AccountCommand,
  type AccountEvent,
  type AccountRequest,
  type AccountState,
} from '@ecvet/domain';
import { EventSourcedStreams, type WriteOptions, type WriteOutcome } from '@ecvet/event-sourcing';
import { AccountDirectory, ApiTokens, hashPassword, passwordProblem } from '@ecvet/identity';
import { AccountAggregate } from '../aggregates';
import {
  guardedWrite,
  type Guard,
  type Relations,
  type UseCaseContext,
  type UseCaseOf,
} from '../access';

type Outcome = Promise<WriteOutcome<AccountEvent>>;

const relationsOf = (accountId: string, state: AccountState): Relations =>
  state.status === 'none'
    ? { institutions: [], account: accountId }
    : {
        institutions: state.institutionId ? [state.institutionId] : [],
        ...(state.institutionId && { owner: state.institutionId }),
        account: accountId,
      };

/**
 * Accounts' use cases: provisioning by an operator or an institution's administrator (or the
 * command line), roles, passwords, API tokens, and the security events of signing in. Each
 * writes the account's stream (the security record); the directory row that sign-in reads is
 * derived from the stream right after (and by the account directory projection).
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly streams: EventSourcedStreams,
    private readonly directory: AccountDirectory,
    private readonly tokens: ApiTokens,
  ) {}

  async provision(
    id: string,
    request: AccountRequest<'ProvisionAccount'>,
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    // One account per e-mail: sign-in finds people by it.
    const holder = await this.directory.byEmail(request.email);
    if (holder && holder.accountId !== id)
      throw new DomainError('account.email-taken', `another account signs in as ${request.email}`, {
        email: request.email,
      });
    const creating: Relations = {
      institutions: request.institutionId ? [request.institutionId] : [],
      ...(request.institutionId && { owner: request.institutionId }),
      account: id,
    };
    return this.write(id, 'ProvisionAccount', request, context, options, creating);
  }

  changeRole(
    id: string,
    request: AccountRequest<'ChangeAccountRole'>,
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    return this.write(id, 'ChangeAccountRole', request, context, options);
  }

  disable(
    id: string,
    request: AccountRequest<'DisableAccount'>,
    context: UseCaseContext,
    options: WriteOptions = {},
  ): Outcome {
    return this.write(id, 'DisableAccount', request, context, options);
  }

  enable(id: string, context: UseCaseContext, options: WriteOptions = {}): Outcome {
    return this.write(id, 'EnableAccount', {}, context, options);
  }

  /** Sets the password (argon2id; never in the log) and records that it was set. */
  async setPassword(id: string, password: string, context: UseCaseContext): Outcome {
    const problem = passwordProblem(password);
    if (problem) throw new DomainError('account.password-too-weak', problem, {});
    const outcome = await this.write(id, 'RecordPasswordSet', {}, context);
    await this.directory.setPasswordHash(id, await hashPassword(password));
    return outcome;
  }

  /**
   * A new API token for the account, expiring at `expiresAt`: recorded in the account's stream,
   * stored as a hash; the token itself is returned once.
   */
  async createApiToken(
    id: string,
    request: { label: string; expiresAt: string },
    context: UseCaseContext,
  ): Promise<{ token: string; tokenId: string; expiresAt: string }> {
    const tokenId = randomUUID();
    await this.write(id, 'CreateApiToken', { tokenId, ...request }, context);
    const token = await this.tokens.issue(id, tokenId, request.label, new Date(request.expiresAt));
    return { token, tokenId, expiresAt: request.expiresAt };
  }

  async revokeApiToken(
    id: string,
    request: AccountRequest<'RevokeApiToken'>,
    context: UseCaseContext,
  ): Outcome {
    const outcome = await this.write(id, 'RevokeApiToken', request, context);
    await this.tokens.revoke(request.tokenId);
    return outcome;
  }

  // The security events of signing in, recorded by the sign-in flow (actor: the system).

  recordSignIn(id: string, request: AccountRequest<'RecordSignIn'>, context: UseCaseContext) {
    return this.write(id, 'RecordSignIn', request, context);
  }

  recordSignInFailure(
    id: string,
    request: AccountRequest<'RecordSignInFailure'>,
    context: UseCaseContext,
  ) {
    return this.write(id, 'RecordSignInFailure', request, context);
  }

  recordSignOut(id: string, request: AccountRequest<'RecordSignOut'>, context: UseCaseContext) {
    return this.write(id, 'RecordSignOut', request, context);
  }

  enrolSecondFactor(
    id: string,
    request: AccountRequest<'EnrolSecondFactor'>,
    context: UseCaseContext,
  ) {
    return this.write(id, 'EnrolSecondFactor', request, context);
  }

  private async write<T extends AccountCommand['type']>(
    id: string,
    type: T,
    request: object,
    context: UseCaseContext,
    options: WriteOptions = {},
    creating?: Relations,
  ): Outcome {
    const useCase = USE_CASES[type];
    // Signing in is recorded for the principal being authenticated, by the system.
    const guard: Guard<AccountState> =
      useCase && context.principal
        ? {
            policy: 'Account',
            useCase,
            relations: (state) => relationsOf(id, state),
            ...(creating && { creating }),
            request,
          }
        : { internal: type };
    const outcome = await guardedWrite(
      this.streams,
      AccountAggregate,
      guard,
      id,
      type,
      context,
      options,
      () => ({ accountId: id, ...request }),
    );
    if (outcome.written) await this.refreshDirectory(id);
    return outcome;
  }

  /** The directory row as the stream now stands (the projection would write the same). */
  private async refreshDirectory(id: string): Promise<void> {
    const stream = await this.streams.load(AccountAggregate, id);
    const state = stream.state;
    if (state.status === 'none') return;
    await this.directory.upsert({
      accountId: id,
      email: state.email,
      name: state.name,
      role: state.role,
      ...(state.institutionId !== undefined && { institutionId: state.institutionId }),
      ...(state.auditScope !== undefined && { auditScope: state.auditScope }),
      disabled: state.status === 'disabled',
      version: stream.version,
    });
  }
}

/** The rule of each use case a person may run; sign-in records are the system's. */
const USE_CASES: Partial<Record<AccountCommand['type'], UseCaseOf<'Account'>>> = {
  ProvisionAccount: 'provision',
  ChangeAccountRole: 'changeRole',
  DisableAccount: 'disable',
  EnableAccount: 'enable',
  RecordPasswordSet: 'setPassword',
  CreateApiToken: 'createApiToken',
  RevokeApiToken: 'revokeApiToken',
};
