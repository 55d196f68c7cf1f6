import { generate } from 'otplib';
import { SESSION_COOKIE } from '@ecvet/identity';
import { freePort } from '../../infra/net';
import { startApiProcess, type ApiProcess } from './support/api-processes';
import { Browser, formAction } from './support/browser';

/**
 * Sign-in end to end, through real processes over real HTTP (jest cannot load the ES-module
 * `oidc-provider` and `openid-client`, so the API runs as a Node process of its own, started by
 * `startApiProcess`, and a cookie-keeping `Browser` drives it):
 *
 * - the embedded OpenID provider: e-mail + password, then TOTP (or its enrolment under
 *   AUTH_MFA=required), the relying party's callback, the `__Host-` session cookie, sign-out;
 *   wrong passwords and codes recorded as `SignInFailed`, and the lock-out of SignInThrottle;
 * - an external issuer: a second API process with OIDC_ISSUER_URL pointing at the first one's
 *   embedded provider; an identity it has not provisioned gets no access.
 */

const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'correct horse battery staple';
/** The secret's code of now, or of the step `offset` seconds away. */
const code = (secret: string, offset = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset });
/** A code that is none of the secret's codes around now. */
const wrongCode = async (secret: string) => {
  const near = await Promise.all([-30, 0, 30].map((o) => code(secret, o)));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c))!;
};

describe('sign-in through the embedded OpenID provider and an external issuer', () => {
  let op: ApiProcess;
  let rp: ApiProcess;

  const events = async (api: ApiProcess, accountId: string) =>
    (
      await api.sql.query<{ event_type: string; data: Record<string, unknown> }>(
        'SELECT event_type, data FROM ecvet_events WHERE stream_id = $1 ORDER BY version',
        [`Account-${accountId}`],
      )
    ).rows;

  /** Through the password page (and the TOTP page, when `totp`), back to the system. */
  async function signIn(browser: Browser, api: ApiProcess, email: string, totp?: string) {
    const start = await browser.go(`${api.url}/auth/sign-in?lang=en`);
    expect(start.response.status).toBe(200);
    expect(start.html).toContain('name="password"');
    const afterPassword = await browser.go(formAction(start.html)!, {
      email,
      password: PASSWORD,
      lang: 'en',
    });
    if (!totp) return afterPassword;
    expect(afterPassword.html).toContain('name="code"');
    return browser.go(formAction(afterPassword.html)!, { code: await code(totp), lang: 'en' });
  }

  beforeAll(async () => {
    // The second process's address is known first: the first one's provider lists it as a client.
    const rpPort = await freePort('127.0.0.2');
    op = await startApiProcess('auth_op', {
      env: {
        AUTH_MFA: 'required',
        SIGN_IN_LOCKOUT: '{"after":3,"first":"PT30S"}',
        // Every test signs in from 127.0.0.1: the per-IP rate (10 a minute) would stop them first.
        RATE_LIMITS: '{"sign-in":"100/PT1M"}',
        OIDC_PROVIDER_CLIENTS: JSON.stringify([
          {
            client_id: 'partner',
            client_secret: 'partner-secret-of-at-least-32-characters',
            redirect_uris: [`http://127.0.0.2:${rpPort}/auth/callback`],
          },
        ]),
      },
      accounts: [
        {
          id: 'acc-coord',
          email: 'coord@school.example',
          role: 'coordinator',
          institutionId: 'inst-1',
          password: PASSWORD,
          totpSecret: TOTP,
        },
        {
          id: 'acc-new',
          email: 'new@school.example',
          role: 'mentor',
          institutionId: 'inst-1',
          password: PASSWORD,
        },
        {
          id: 'acc-locked',
          email: 'locked@school.example',
          role: 'mentor',
          institutionId: 'inst-1',
          password: PASSWORD,
          totpSecret: TOTP,
        },
        {
          id: 'acc-ext',
          email: 'ext@school.example',
          role: 'mentor',
          institutionId: 'inst-1',
          password: PASSWORD,
          totpSecret: TOTP,
        },
        {
          id: 'acc-stranger',
          email: 'stranger@school.example',
          role: 'mentor',
          institutionId: 'inst-1',
          password: PASSWORD,
          totpSecret: TOTP,
        },
      ],
    });
    rp = await startApiProcess('auth_rp', {
      host: '127.0.0.2',
      port: rpPort,
      env: {
        OIDC_ISSUER_URL: `${op.url}/oidc`,
        OIDC_CLIENT_ID: 'partner',
        OIDC_CLIENT_SECRET: 'partner-secret-of-at-least-32-characters',
      },
      accounts: [
        {
          id: 'rp-ext',
          email: 'ext@school.example',
          role: 'coordinator',
          institutionId: 'inst-9',
        },
      ],
    });
  });
  afterAll(async () => {
    await rp?.stop();
    await op?.stop();
  });

  it('signs in with password and TOTP, into a __Host- session cookie, and out again', async () => {
    const browser = new Browser();
    const start = await browser.go(`${op.url}/auth/sign-in?lang=en`);
    // Sign-in → the provider (PKCE S256, state, nonce) → its password page.
    const authorize = new URL(browser.hops[1].url);
    expect(authorize.pathname).toBe('/oidc/auth');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(browser.hops[0].setCookies[0]).toMatch(
      /^__Host-ecvet-sign-in=[^;]+; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(start.url).toMatch(
      new RegExp(
        `^${op.url}/auth/interaction/[A-Za-z0-9_-]+\\?|^${op.url}/auth/interaction/[A-Za-z0-9_-]+$`,
      ),
    );
    expect(start.response.headers.get('content-security-policy')).toMatch(
      /^default-src 'none';style-src 'sha256-[^']+';form-action 'self' http:\/\/127\.0\.0\.1:\d+ http:\/\/127\.0\.0\.2:\d+;/,
    );
    expect(start.response.headers.get('cache-control')).toBe('no-store');
    expect(start.html).toContain('<html lang="en">');

    // A wrong password: the page again, and SignInFailed in the account's stream.
    const wrong = await browser.go(formAction(start.html)!, {
      email: 'coord@school.example',
      password: 'not the password',
      lang: 'en',
    });
    expect(wrong.response.status).toBe(401);
    expect(wrong.html).toContain('The e-mail address or the password is wrong.');
    // The right one: the TOTP page.
    const totpPage = await browser.go(formAction(wrong.html)!, {
      email: 'coord@school.example',
      password: PASSWORD,
      lang: 'en',
    });
    expect(totpPage.response.status).toBe(200);
    expect(totpPage.html).toContain('Second factor');
    const badCode = await browser.go(formAction(totpPage.html)!, {
      code: await wrongCode(TOTP),
      lang: 'en',
    });
    expect(badCode.response.status).toBe(401);
    expect(badCode.html).toContain('The code is not right.');
    const done = await browser.go(formAction(badCode.html)!, {
      code: await code(TOTP),
      lang: 'en',
    });

    // The provider sends the browser to the callback, which sets the session and goes home.
    const callback = browser.hops.find((h) => h.url.startsWith(`${op.url}/auth/callback?`))!;
    expect(callback.status).toBe(303);
    const sessionCookie = callback.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(sessionCookie).toMatch(
      /^__Host-ecvet-session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(done.url).toBe(`${op.url}/`);
    const token = browser.cookie('127.0.0.1', SESSION_COOKIE)!;

    const me = await browser.request(`${op.url}/auth/session`);
    expect(me.status).toBe(200);
    const body = (await me.json()) as Record<string, any>;
    expect(body).toMatchObject({
      accountId: 'acc-coord',
      role: 'coordinator',
      via: 'password+totp',
      session: { csrfToken: expect.any(String) },
    });
    const recorded = await events(op, 'acc-coord');
    expect(recorded.map((e) => e.event_type)).toEqual(
      expect.arrayContaining(['SignInFailed', 'SignedIn']),
    );
    expect(
      recorded.filter((e) => e.event_type === 'SignInFailed').map((e) => e.data.reason),
    ).toEqual(['bad-password', 'bad-second-factor']);
    expect(recorded.find((e) => e.event_type === 'SignedIn')!.data).toMatchObject({
      method: 'password+totp',
      sessionId: body.session.sessionId,
    });
    const actor = await op.sql.query<{ metadata: { actor: { id: string } } }>(
      `SELECT metadata FROM ecvet_events WHERE stream_id = 'Account-acc-coord' AND event_type = 'SignedIn'`,
    );
    expect(JSON.stringify(actor.rows[0].metadata)).toContain('system:sign-in');

    // Signing in again asks for the password again; a code counts once; the session rotates.
    const usedCode = browser.lastForm?.code;
    expect(usedCode).toMatch(/^\d{6}$/);
    const second = await signIn(browser, op, 'coord@school.example');
    expect(second.html).toContain('name="code"');
    const replayed = await browser.go(formAction(second.html)!, { code: usedCode!, lang: 'en' });
    expect(replayed.response.status).toBe(401);
    const again = await browser.go(formAction(replayed.html)!, {
      code: await code(TOTP, 30),
      lang: 'en',
    });
    expect(again.url).toBe(`${op.url}/`);
    const rotated = browser.cookie('127.0.0.1', SESSION_COOKIE)!;
    expect(rotated).not.toBe(token);
    const old = await fetch(`${op.url}/auth/session`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    expect(old.status).toBe(401);

    // Sign-out (a POST from our own origin) ends it.
    const out = await browser.request(`${op.url}/auth/sign-out`, {
      method: 'POST',
      headers: { origin: op.url },
    });
    expect(out.status).toBe(204);
    expect((await browser.request(`${op.url}/auth/session`)).status).toBe(401);
    expect((await events(op, 'acc-coord')).at(-1)!.event_type).toBe('SignedOut');
  });

  it('has staff without a second factor enrol one before they are signed in', async () => {
    const browser = new Browser();
    const start = await browser.go(`${op.url}/auth/sign-in`);
    expect(start.html).toContain('<html lang="lv">');
    expect(start.html).toContain('Pieteikties');
    const enrol = await browser.go(formAction(start.html)!, {
      email: 'new@school.example',
      password: PASSWORD,
      lang: 'lv',
    });
    expect(enrol.html).toContain('Otrā faktora iestatīšana');
    const uri = /otpauth:\/\/totp\/[^"<]+/.exec(enrol.html)![0].replace(/&amp;/g, '&');
    const secret = new URL(uri).searchParams.get('secret')!;
    expect(uri).toContain('ECVET:new%40school.example');
    const typo = await browser.go(formAction(enrol.html)!, {
      code: await wrongCode(secret),
      lang: 'lv',
    });
    expect(typo.response.status).toBe(401);
    expect(typo.html).toContain('Kods nav pareizs.');
    const done = await browser.go(formAction(typo.html)!, { code: await code(secret), lang: 'lv' });
    expect(done.url).toBe(`${op.url}/`);
    const me = (await (await browser.request(`${op.url}/auth/session`)).json()) as Record<
      string,
      unknown
    >;
    expect(me).toMatchObject({ accountId: 'acc-new', via: 'password+totp' });
    const stored = await op.sql.query(
      'SELECT totp_secret FROM ecvet_credentials WHERE account_id = $1',
      ['acc-new'],
    );
    expect(stored.rows[0].totp_secret).toBe(secret);
    expect((await events(op, 'acc-new')).map((e) => e.event_type)).toEqual(
      expect.arrayContaining(['SecondFactorEnrolled', 'SignedIn']),
    );
    // Sign-out everywhere, with the CSRF token instead of an Origin.
    const csrf = (me.session as { csrfToken: string }).csrfToken;
    const refused = await browser.request(`${op.url}/auth/sign-out-everywhere`, { method: 'POST' });
    expect(refused.status).toBe(403);
    const everywhere = await browser.request(`${op.url}/auth/sign-out-everywhere`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrf },
    });
    expect(everywhere.status).toBe(200);
    expect((await browser.request(`${op.url}/auth/session`)).status).toBe(401);
  });

  it('locks an e-mail out of an IP after repeated failures, and records it', async () => {
    const browser = new Browser();
    const start = await browser.go(`${op.url}/auth/sign-in?lang=en`);
    let page = start;
    for (const status of [401, 401, 401]) {
      page = await browser.go(formAction(page.html)!, {
        email: 'locked@school.example',
        password: 'wrong guess',
        lang: 'en',
      });
      expect(page.response.status).toBe(status);
    }
    // Locked now: even the right password is not tried.
    const locked = await browser.go(formAction(page.html)!, {
      email: 'locked@school.example',
      password: PASSWORD,
      lang: 'en',
    });
    expect(locked.response.status).toBe(429);
    expect(locked.html).toMatch(/Too many failed attempts\. Try again in \d+ s\./);
    expect(
      (await events(op, 'acc-locked'))
        .filter((e) => e.event_type === 'SignInFailed')
        .map((e) => e.data.reason),
    ).toEqual(['bad-password', 'bad-password', 'bad-password', 'locked-out']);
  });

  it('signs in through an external issuer, and gives an unprovisioned identity no access', async () => {
    const browser = new Browser();
    // The second API sends the browser to the first one's provider, which signs in and returns.
    const done = await signIn(browser, rp, 'ext@school.example', TOTP);
    expect(browser.history.some((h) => h.url.startsWith(`${op.url}/oidc/auth?`))).toBe(true);
    expect(done.url).toBe(`${rp.url}/`);
    const me = (await (await browser.request(`${rp.url}/auth/session`)).json()) as Record<
      string,
      unknown
    >;
    expect(me).toMatchObject({
      accountId: 'rp-ext',
      institutionId: 'inst-9',
      via: 'oidc',
      issuer: `${op.url}/oidc`,
    });
    expect((await events(rp, 'rp-ext')).at(-1)!.data).toMatchObject({
      method: 'oidc',
      issuer: `${op.url}/oidc`,
    });
    // The provider's own system has no session from this.
    expect(browser.cookie('127.0.0.1', SESSION_COOKIE)).toBeUndefined();

    // Known to the provider, not provisioned here: 403, and no session.
    const stranger = new Browser();
    const refused = await signIn(stranger, rp, 'stranger@school.example', TOTP);
    expect(refused.url).toMatch(new RegExp(`^${rp.url}/auth/callback\\?`));
    expect(refused.response.status).toBe(403);
    expect(refused.html).toContain('stranger@school.example has no access to this system');
    expect(stranger.cookie('127.0.0.2', SESSION_COOKIE)).toBeUndefined();
    expect((await stranger.request(`${rp.url}/auth/session`)).status).toBe(401);
    const count = await rp.sql.query(`SELECT count(*)::int AS n FROM ecvet_sessions`);
    expect(count.rows[0].n).toBe(1);
  });
});
