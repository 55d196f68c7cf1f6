import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApi, type TestApi } from '../../../test/support/api-app';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

/**
 * The command line against a real system's database, as an operator at the machine runs it
 * (`npm run cli -- …`; the same entry point, in a child process): accounts and API tokens without
 * a browser, and the token works against the API.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('cli');
});
afterAll(() => api?.close());

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: api.db.url,
          PII_MASTER_KEY: process.env.PII_MASTER_KEY,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run cli', () => {
  it('provisions an account and prints a token, alone on stdout, that the API accepts', async () => {
    const created = await cli(
      'account',
      'create',
      '--email',
      'Ilze@RTRIT.example',
      '--role',
      'coordinator',
      '--institution',
      'rtrit',
      '--name',
      'Ilze Ozola',
      '--generate-password',
      '--json',
    );
    expect(created.code).toBe(0);
    const account = JSON.parse(created.stdout) as { accountId: string; password: string };
    expect(account.password.length).toBeGreaterThanOrEqual(12);

    const token = await cli(
      'token',
      'create',
      '--email',
      'ilze@rtrit.example',
      '--expires',
      'PT1H',
    );
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^ecvet_[\w-]{43}\n$/);

    const bearer = `Bearer ${token.stdout.trim()}`;
    await api.http.get('/mobilities').set('Authorization', bearer).expect(200);
    // The account's stream records both, by the command line.
    const history = await api.http.get(`/accounts/${account.accountId}/history`).expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'AccountProvisioned',
      'PasswordSet',
      'ApiTokenCreated',
    ]);
    expect(history.body[0].metadata.actor).toMatchObject({ id: 'system:cli', role: 'system' });
    // Who the token's holder is, as the API sees them.
    const me = await api.http.get('/accounts/me').set('Authorization', bearer).expect(200);
    expect(me.body).toMatchObject({
      accountId: account.accountId,
      email: 'ilze@rtrit.example',
      role: 'coordinator',
      institutionId: 'rtrit',
      via: 'api-token',
    });
  });

  it('says what is wrong, with exit code 2: an unknown role, an unknown account, a bad duration', async () => {
    const role = await cli('account', 'create', '--email', 'x@y.example', '--role', 'king');
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--role must be one of/);
    const unknown = await cli(
      'token',
      'create',
      '--email',
      'nobody@y.example',
      '--expires',
      'PT1H',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no account with the e-mail/);
    await cli(
      'account',
      'create',
      '--email',
      'h@y.example',
      '--role',
      'head',
      '--institution',
      'y',
    );
    const duration = await cli('token', 'create', '--email', 'h@y.example', '--expires', 'soon');
    expect(duration.code).toBe(2);
  });

  it('a rule of the domain refuses with exit code 3 (a coordinator needs an institution)', async () => {
    const refused = await cli(
      'account',
      'create',
      '--email',
      'c@z.example',
      '--role',
      'coordinator',
    );
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/account\.institution-required/);
  });
});
