import fc from 'fast-check';
import { givenFor } from '../../test/given';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { accountCodec } from './account.codec';
import type { AccountCommand } from './account.commands';
import { accountDecider } from './account.decider';
import { accountPersonalFields, type AccountEvent, type AccountRole } from './account.events';
import { AccountRules as R } from './account.errors';

const given = givenFor(accountDecider);
type Command<T extends AccountCommand['type']> = Extract<AccountCommand, { type: T }>;

const AT = '2027-03-01T09:00:00.000Z';
const LATER = '2027-03-02T09:00:00.000Z';
const accountId = 'acc-1';

const provision = (
  data: Partial<Command<'ProvisionAccount'>['data']> = {},
): Command<'ProvisionAccount'> => ({
  type: 'ProvisionAccount',
  data: {
    accountId,
    email: '  Ilze.Ozola@Example.LV ',
    name: 'Ilze Ozola',
    role: 'coordinator',
    institutionId: 'inst-rvt',
    ...data,
  },
  at: AT,
});
const provisioned: AccountEvent = {
  type: 'AccountProvisioned',
  data: {
    accountId,
    email: 'ilze.ozola@example.lv',
    name: 'Ilze Ozola',
    role: 'coordinator',
    institutionId: 'inst-rvt',
    provisionedAt: AT,
  },
};
const changeRole = (
  role: AccountRole,
  rest: { institutionId?: string; auditScope?: 'all' | string[] } = {},
): Command<'ChangeAccountRole'> => ({
  type: 'ChangeAccountRole',
  data: { accountId, role, ...rest },
  at: LATER,
});
const disabled: AccountEvent = {
  type: 'AccountDisabled',
  data: { accountId, reason: 'left the school', disabledAt: AT },
};
const totp: AccountEvent = {
  type: 'SecondFactorEnrolled',
  data: { accountId, method: 'totp', enrolledAt: AT },
};
const createToken = (
  tokenId = 'tok-1',
  expiresAt = '2027-06-01T00:00:00.000Z',
  label = 'nightly export',
): Command<'CreateApiToken'> => ({
  type: 'CreateApiToken',
  data: { accountId, tokenId, label, expiresAt },
  at: AT,
});
const tokenCreated: AccountEvent = {
  type: 'ApiTokenCreated',
  data: {
    accountId,
    tokenId: 'tok-1',
    label: 'nightly export',
    expiresAt: '2027-06-01T00:00:00.000Z',
    createdAt: AT,
  },
};
const revokeToken = (tokenId = 'tok-1'): Command<'RevokeApiToken'> => ({
  type: 'RevokeApiToken',
  data: { accountId, tokenId, reason: 'leaked' },
  at: LATER,
});
const tokenRevoked: AccountEvent = {
  type: 'ApiTokenRevoked',
  data: { accountId, tokenId: 'tok-1', reason: 'leaked', revokedAt: LATER },
};
const signIn: Command<'RecordSignIn'> = {
  type: 'RecordSignIn',
  data: { accountId, method: 'password+totp', sessionId: 'sess-1' },
  at: LATER,
};

describe('Account: provisioning', () => {
  it('is provisioned with its e-mail lower-cased and trimmed', () =>
    given([]).when(provision()).then([provisioned]));
  it('provisioning it again identically records nothing', () =>
    given([provisioned]).when(provision()).then([]));
  it('provisioning it again identically after a role change records nothing', () =>
    given([
      provisioned,
      {
        type: 'AccountRoleChanged',
        data: {
          accountId,
          role: 'operator',
          previous: { role: 'coordinator', institutionId: 'inst-rvt' },
          changedAt: LATER,
        },
      },
    ])
      .when(provision())
      .then([]));
  it('provisioning it again with other details is refused', () =>
    given([provisioned])
      .when(provision({ name: 'Other' }))
      .thenRejects(R.AlreadyProvisioned));
  it('needs an e-mail address', () =>
    given([])
      .when(provision({ email: 'ilze.ozola' }))
      .thenRejects(R.EmailInvalid));
  it('needs a known role', () =>
    given([])
      .when(provision({ role: 'teacher' as AccountRole }))
      .thenRejects(R.RoleUnknown));
  it('needs an institution for every role but operator and auditor', () =>
    given([])
      .when(provision({ role: 'mentor', institutionId: undefined }))
      .thenRejects(R.InstitutionRequired));
  it('an operator needs no institution', () =>
    given([])
      .when(provision({ role: 'operator', institutionId: undefined }))
      .thenMatches([{ type: 'AccountProvisioned', data: { role: 'operator' } }]));
  it('an auditor has an audit scope and no institution', () =>
    given([])
      .when(provision({ role: 'auditor', institutionId: undefined, auditScope: ['inst-rvt'] }))
      .thenMatches([{ data: { role: 'auditor', auditScope: ['inst-rvt'] } }]));
  it('only an auditor has an audit scope', () =>
    given([])
      .when(provision({ auditScope: 'all' }))
      .thenRejects(R.AuditScopeOnlyForAuditors));
  it('its e-mail and name are personal data of the account holder', () => {
    expect(accountPersonalFields(provisioned)).toEqual({
      subject: 'account-acc-1',
      fields: ['email', 'name'],
    });
    expect(accountPersonalFields(disabled)).toBeUndefined();
  });
});

describe('Account: role', () => {
  it('a role change records the previous role', () =>
    given([provisioned])
      .when(changeRole('auditor', { auditScope: ['inst-rvt', 'inst-nokka'] }))
      .then([
        {
          type: 'AccountRoleChanged',
          data: {
            accountId,
            role: 'auditor',
            auditScope: ['inst-rvt', 'inst-nokka'],
            previous: { role: 'coordinator', institutionId: 'inst-rvt' },
            changedAt: LATER,
          },
        },
      ]));
  it('the same role at the same institution again records nothing', () =>
    given([provisioned])
      .when(changeRole('coordinator', { institutionId: 'inst-rvt' }))
      .then([]));
  it('the same audit scope in another order records nothing', () => {
    const auditor: AccountEvent = {
      type: 'AccountProvisioned',
      data: {
        accountId,
        email: 'a@example.lv',
        name: 'A',
        role: 'auditor',
        auditScope: ['a', 'b'],
        provisionedAt: AT,
      },
    };
    given([auditor])
      .when(changeRole('auditor', { auditScope: ['b', 'a'] }))
      .then([]);
  });
  it('a move to another institution is a change', () =>
    given([provisioned])
      .when(changeRole('coordinator', { institutionId: 'inst-other' }))
      .thenMatches([{ type: 'AccountRoleChanged', data: { institutionId: 'inst-other' } }]));
  it('needs a provisioned account', () =>
    given([]).when(changeRole('operator')).thenRejects(R.MustExist));
  it('needs a known role', () =>
    given([provisioned])
      .when(changeRole('root' as AccountRole))
      .thenRejects(R.RoleUnknown));
  it('needs an institution for a head', () =>
    given([provisioned]).when(changeRole('head')).thenRejects(R.InstitutionRequired));
  it('gives an audit scope only to an auditor', () =>
    given([provisioned])
      .when(changeRole('operator', { auditScope: 'all' }))
      .thenRejects(R.AuditScopeOnlyForAuditors));
});

describe('Account: disabling', () => {
  const disable: Command<'DisableAccount'> = {
    type: 'DisableAccount',
    data: { accountId, reason: 'left the school' },
    at: AT,
  };
  const enable: Command<'EnableAccount'> = {
    type: 'EnableAccount',
    data: { accountId },
    at: LATER,
  };
  it('is disabled with a reason', () => given([provisioned]).when(disable).then([disabled]));
  it('disabling a disabled account records nothing', () =>
    given([provisioned, disabled]).when(disable).then([]));
  it('is enabled again', () =>
    given([provisioned, disabled])
      .when(enable)
      .then([{ type: 'AccountEnabled', data: { accountId, enabledAt: LATER } }]));
  it('enabling an active account records nothing', () =>
    given([provisioned]).when(enable).then([]));
  it('needs a provisioned account', () => given([]).when(disable).thenRejects(R.MustExist));
});

describe('Account: password and second factor', () => {
  const enrol: Command<'EnrolSecondFactor'> = {
    type: 'EnrolSecondFactor',
    data: { accountId, method: 'totp' },
    at: AT,
  };
  const remove: Command<'RemoveSecondFactor'> = {
    type: 'RemoveSecondFactor',
    data: { accountId, method: 'totp' },
    at: LATER,
  };
  it('records that a password was set, never the password', () =>
    given([provisioned])
      .when({ type: 'RecordPasswordSet', data: { accountId }, at: AT })
      .then([{ type: 'PasswordSet', data: { accountId, setAt: AT } }]));
  it('a password needs a provisioned account', () =>
    given([])
      .when({ type: 'RecordPasswordSet', data: { accountId }, at: AT })
      .thenRejects(R.MustExist));
  it('enrols a TOTP second factor', () => given([provisioned]).when(enrol).then([totp]));
  it('enrolling it again records nothing', () => given([provisioned, totp]).when(enrol).then([]));
  it('removes it', () =>
    given([provisioned, totp])
      .when(remove)
      .then([
        { type: 'SecondFactorRemoved', data: { accountId, method: 'totp', removedAt: LATER } },
      ]));
  it('removing an absent second factor records nothing', () =>
    given([provisioned]).when(remove).then([]));
});

describe('Account: signing in and out', () => {
  it('records a sign-in with its session id', () =>
    given([provisioned, totp])
      .when(signIn)
      .then([{ type: 'SignedIn', data: { ...signIn.data, signedInAt: LATER } }]));
  it('records an OpenID Connect sign-in with its issuer', () =>
    given([provisioned])
      .when({
        ...signIn,
        data: { accountId, method: 'oidc', issuer: 'https://id.example.lv', sessionId: 's-2' },
      })
      .thenMatches([{ type: 'SignedIn', data: { issuer: 'https://id.example.lv' } }]));
  it('a disabled account does not sign in', () =>
    given([provisioned, disabled]).when(signIn).thenRejects(R.Disabled));
  it('a sign-in needs a provisioned account', () =>
    given([]).when(signIn).thenRejects(R.MustExist));
  it('records a failed sign-in, also of a disabled account', () =>
    given([provisioned, disabled])
      .when({ type: 'RecordSignInFailure', data: { accountId, reason: 'disabled' }, at: LATER })
      .then([{ type: 'SignInFailed', data: { accountId, reason: 'disabled', failedAt: LATER } }]));
  it('records an attempt on an account that was never provisioned', () =>
    given([])
      .when({ type: 'RecordSignInFailure', data: { accountId, reason: 'not-provisioned' }, at: AT })
      .thenMatches([{ type: 'SignInFailed', data: { reason: 'not-provisioned' } }]));
  it('an account failed to sign in to before it existed can be provisioned', () =>
    given([{ type: 'SignInFailed', data: { accountId, reason: 'not-provisioned', failedAt: AT } }])
      .when(provision())
      .then([provisioned]));
  it('a provisioned account is not "not-provisioned"', () =>
    given([provisioned])
      .when({ type: 'RecordSignInFailure', data: { accountId, reason: 'not-provisioned' }, at: AT })
      .thenRejects(R.AlreadyProvisioned));
  it('other failures need a provisioned account', () =>
    given([])
      .when({ type: 'RecordSignInFailure', data: { accountId, reason: 'bad-password' }, at: AT })
      .thenRejects(R.MustExist));
  it('records a sign-out everywhere', () =>
    given([provisioned])
      .when({ type: 'RecordSignOut', data: { accountId }, at: LATER })
      .then([{ type: 'SignedOut', data: { accountId, signedOutAt: LATER } }]));
  it('a sign-out needs a provisioned account', () =>
    given([])
      .when({ type: 'RecordSignOut', data: { accountId, sessionId: 'sess-1' }, at: LATER })
      .thenRejects(R.MustExist));
});

describe('Account: API tokens', () => {
  it('creates a token', () => given([provisioned]).when(createToken()).then([tokenCreated]));
  it('creating it again identically records nothing', () =>
    given([provisioned, tokenCreated]).when(createToken()).then([]));
  it('creating it again with other details is refused', () =>
    given([provisioned, tokenCreated])
      .when(createToken('tok-1', '2027-06-01T00:00:00.000Z', 'other'))
      .thenRejects(R.TokenIdTaken));
  it('a disabled account gets no token', () =>
    given([provisioned, disabled]).when(createToken()).thenRejects(R.Disabled));
  it('a token needs a provisioned account', () =>
    given([]).when(createToken()).thenRejects(R.MustExist));
  it('expires after it is created', () =>
    given([provisioned]).when(createToken('t', AT)).thenRejects(R.TokenExpiryInPast));
  it('an expiry that is no time is refused', () =>
    given([provisioned]).when(createToken('t', 'next year')).thenRejects(R.TokenExpiryInPast));
  it('lives 366 days at most', () =>
    given([provisioned])
      .when(createToken('t', '2028-03-01T09:00:00.001Z'))
      .thenRejects(R.TokenExpiryTooFar));
  it('may live exactly 366 days', () =>
    given([provisioned])
      .when(createToken('t', '2028-03-01T09:00:00.000Z'))
      .thenMatches([{ type: 'ApiTokenCreated' }]));
  it('revokes a token', () =>
    given([provisioned, tokenCreated]).when(revokeToken()).then([tokenRevoked]));
  it('revoking a revoked token records nothing', () =>
    given([provisioned, tokenCreated, tokenRevoked]).when(revokeToken()).then([]));
  it('revokes only a known token', () =>
    given([provisioned, tokenCreated]).when(revokeToken('tok-9')).thenRejects(R.TokenUnknown));
  it('a disabled account can still have its tokens revoked', () =>
    given([provisioned, tokenCreated, disabled]).when(revokeToken()).then([tokenRevoked]));

  it('any sequence of token commands keeps revoked tokens revoked and revokes each once', () => {
    const tokenIds = ['t-1', 't-2', 't-3'];
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('create' as const),
        tokenId: fc.constantFrom(...tokenIds),
        label: fc.constantFrom('export', 'sync'),
        days: fc.integer({ min: -5, max: 400 }),
      }),
      fc.record({ kind: fc.constant('revoke' as const), tokenId: fc.constantFrom(...tokenIds) }),
      fc.record({ kind: fc.constantFrom('disable' as const, 'enable' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const events: AccountEvent[] = [provisioned];
        const revokedSoFar = new Set<string>();
        for (const s of steps) {
          const command: AccountCommand =
            s.kind === 'create'
              ? createToken(
                  s.tokenId,
                  new Date(Date.parse(AT) + s.days * 86_400_000).toISOString(),
                  s.label,
                )
              : s.kind === 'revoke'
                ? revokeToken(s.tokenId)
                : s.kind === 'disable'
                  ? { type: 'DisableAccount', data: { accountId, reason: 'r' }, at: AT }
                  : { type: 'EnableAccount', data: { accountId }, at: AT };
          let recorded: AccountEvent[] = [];
          try {
            recorded = accountDecider.decide(command, fold(accountDecider, events));
          } catch (err) {
            expect(err).toBeInstanceOf(DomainError);
          }
          events.push(...recorded);
          const state = fold(accountDecider, events);
          if (state.status === 'none') throw new Error('provisioned');
          for (const id of revokedSoFar) expect(state.tokens.get(id)?.revoked).toBe(true);
          for (const [id, token] of state.tokens) if (token.revoked) revokedSoFar.add(id);
        }
        const revocations = events.filter((e) => e.type === 'ApiTokenRevoked');
        const creations = events.filter((e) => e.type === 'ApiTokenCreated');
        const ids = (es: AccountEvent[]) => es.map((e) => (e.data as { tokenId: string }).tokenId);
        expect(new Set(ids(revocations)).size).toBe(revocations.length);
        expect(new Set(ids(creations)).size).toBe(creations.length);
        // A token is revoked only once it was created.
        for (const id of ids(revocations)) expect(ids(creations)).toContain(id);
      }),
    );
  });
});

describe('Account: codec', () => {
  it('decodes every event type as recorded', () => {
    expect(accountCodec.aggregate).toBe('Account');
    expect(accountCodec.types.size).toBe(12);
    expect(accountCodec.decode({ type: 'AccountProvisioned', data: provisioned.data })).toEqual(
      provisioned,
    );
    expect(accountCodec.knows('MobilityPlanned')).toBe(false);
  });
});
