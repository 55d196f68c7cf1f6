import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  publicUrlOf,
  SIGNING_LINK_LIFETIME_MS,
  signingLinkExpiry,
  signingLinkSecret,
  SigningLinkExpired,
  SigningLinkInvalid,
  signingLinkHash,
  SigningLinks,
  tokenOfLink,
  type SigningLinkClaims,
} from './signing-links';

const secret = new Uint8Array(randomBytes(32));
const claims: SigningLinkClaims = {
  mid: 'mob-ingus',
  v: 1,
  role: 'learner',
  h: `sha256:${'a'.repeat(64)}`,
  jti: '6a3c8d6e-0000-4000-8000-000000000001',
  lang: 'lv',
};
const issuedAt = new Date('2027-01-10T09:00:00Z');
const expiresAt = new Date('2027-02-09T09:00:00Z');
const linksAt = (now: string) =>
  new SigningLinks(secret, 'https://ecvet.example', () => new Date(now));

describe('signing links', () => {
  it('carry the mobility, version, role, hash, reminder id and language, and open before expiry', async () => {
    const links = linksAt('2027-01-20T00:00:00Z');
    const { token, url } = await links.issue(claims, { issuedAt, expiresAt });
    expect(url).toBe(`https://ecvet.example/sign/${token}`);
    await expect(links.verify(token)).resolves.toMatchObject({
      ...claims,
      iat: issuedAt.getTime() / 1000,
      exp: expiresAt.getTime() / 1000,
    });
  });

  it('are the same token for the same reminder (a replayed projection composes the same mail)', async () => {
    const links = linksAt('2027-01-20T00:00:00Z');
    const a = await links.issue(claims, { issuedAt, expiresAt });
    const b = await links.issue(claims, { issuedAt, expiresAt });
    expect(a.token).toBe(b.token);
  });

  it('carry their generation; a link before any reissue is generation 0 and looks as before', async () => {
    const links = linksAt('2027-01-20T00:00:00Z');
    const second = await links.issue({ ...claims, g: 2 }, { issuedAt, expiresAt });
    await expect(links.verify(second.token)).resolves.toMatchObject({ g: 2 });
    const first = await links.issue(claims, { issuedAt, expiresAt });
    const payload = JSON.parse(Buffer.from(first.token.split('.')[1], 'base64url').toString());
    expect(payload).not.toHaveProperty('g');
    expect((await links.issue({ ...claims, g: 0 }, { issuedAt, expiresAt })).token).toBe(
      first.token,
    );
    await expect(links.verify(first.token)).resolves.toMatchObject({ g: 0 });
    expect(first.claims).toEqual(await links.verify(first.token));
  });

  it('signed again from their stored claims are the same token; the outbox keeps its SHA-256', async () => {
    const links = linksAt('2027-01-20T00:00:00Z');
    const issued = await links.issue({ ...claims, g: 1 }, { issuedAt, expiresAt });
    const again = await links.reissue(JSON.parse(JSON.stringify(issued.claims)));
    expect(again.token).toBe(issued.token);
    expect(again.url).toBe(issued.url);
    expect(tokenOfLink(issued.url)).toBe(issued.token);
    expect(signingLinkHash(issued.token)).toMatch(/^[0-9a-f]{64}$/);
    expect(signingLinkHash(issued.token)).not.toContain(issued.token.slice(0, 10));
    const otherKey = new SigningLinks(new Uint8Array(randomBytes(32)), 'https://ecvet.example');
    expect((await otherKey.reissue(issued.claims)).token).not.toBe(issued.token);
  });

  it('are refused with a generation that is not a count', async () => {
    const links = linksAt('2027-01-20T00:00:00Z');
    const token = await new SignJWT({
      mid: 'mob-ingus',
      v: 1,
      role: 'learner',
      h: 'x',
      lang: 'lv',
      g: -1,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('ecvet-mobility-engine')
      .setAudience('ecvet-signing')
      .setJti('j')
      .setIssuedAt(issuedAt.getTime() / 1000)
      .setExpirationTime(expiresAt.getTime() / 1000)
      .sign(secret);
    await expect(links.verify(token)).rejects.toThrow('unexpected claims');
  });

  it('are refused when the payload was tampered with (another role)', async () => {
    const links = linksAt('2027-01-20T00:00:00Z');
    const { token } = await links.issue(claims, { issuedAt, expiresAt });
    const [header, payload, signature] = token.split('.');
    const changed = JSON.parse(Buffer.from(payload, 'base64url').toString());
    changed.role = 'host';
    const forged = [header, Buffer.from(JSON.stringify(changed)).toString('base64url'), signature];
    await expect(links.verify(forged.join('.'))).rejects.toBeInstanceOf(SigningLinkInvalid);
  });

  it('are refused when the signature was altered or made with another key', async () => {
    const links = linksAt('2027-01-20T00:00:00Z');
    const { token } = await links.issue(claims, { issuedAt, expiresAt });
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    await expect(links.verify(flipped)).rejects.toBeInstanceOf(SigningLinkInvalid);
    const other = new SigningLinks(new Uint8Array(randomBytes(32)), 'https://x', () => issuedAt);
    await expect(other.verify(token)).rejects.toBeInstanceOf(SigningLinkInvalid);
  });

  it('expire: a genuine link after its expiry is expired (not invalid), and says its language', async () => {
    const { token } = await linksAt('2027-01-20T00:00:00Z').issue(claims, { issuedAt, expiresAt });
    const late = linksAt('2027-02-09T09:00:01Z');
    const error = await late.verify(token).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SigningLinkExpired);
    expect(error).toMatchObject({ expiredAt: expiresAt, language: 'lv' });
  });

  it('are refused for another audience', async () => {
    const token = await new SignJWT({ mid: 'mob-ingus', v: 1, role: 'learner', h: 'x', lang: 'lv' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('ecvet-mobility-engine')
      .setAudience('ecvet-api')
      .setJti('j')
      .setIssuedAt(issuedAt.getTime() / 1000)
      .setExpirationTime(expiresAt.getTime() / 1000)
      .sign(secret);
    await expect(linksAt('2027-01-20T00:00:00Z').verify(token)).rejects.toThrow(/aud/);
  });

  it('are refused without the claims a link needs, or when they are not a token at all', async () => {
    const token = await new SignJWT({
      mid: 'mob-ingus',
      v: 1,
      role: 'principal',
      h: 'x',
      lang: 'lv',
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('ecvet-mobility-engine')
      .setAudience('ecvet-signing')
      .setJti('j')
      .setIssuedAt(issuedAt.getTime() / 1000)
      .setExpirationTime(expiresAt.getTime() / 1000)
      .sign(secret);
    const links = linksAt('2027-01-20T00:00:00Z');
    await expect(links.verify(token)).rejects.toThrow('unexpected claims');
    await expect(links.verify('not-a-token')).rejects.toBeInstanceOf(SigningLinkInvalid);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ ...claims, aud: 'ecvet-signing' }),
    ).toString('base64url')}.x`;
    await expect(links.verify(unsigned)).rejects.toBeInstanceOf(SigningLinkInvalid);
  });

  it('last 30 days, or until the signature deadline when that comes first', () => {
    expect(signingLinkExpiry(issuedAt).getTime()).toBe(
      issuedAt.getTime() + SIGNING_LINK_LIFETIME_MS,
    );
    const deadline = new Date('2027-01-25T00:00:00Z');
    expect(signingLinkExpiry(issuedAt, deadline)).toEqual(deadline);
    const passed = new Date('2027-01-01T00:00:00Z');
    expect(signingLinkExpiry(issuedAt, passed).getTime()).toBe(
      issuedAt.getTime() + SIGNING_LINK_LIFETIME_MS,
    );
  });

  it('are signed with SIGNING_LINK_SECRET, or a key derived from PII_MASTER_KEY', () => {
    const master = randomBytes(32).toString('base64');
    const derived = signingLinkSecret({ PII_MASTER_KEY: master, PORT: 3000 });
    expect(derived).toHaveLength(32);
    expect(Buffer.from(derived).equals(Buffer.from(master, 'base64'))).toBe(false);
    expect(signingLinkSecret({ PII_MASTER_KEY: master, PORT: 3000 })).toEqual(derived);
    const own = randomBytes(32).toString('base64');
    expect(
      Buffer.from(signingLinkSecret({ PII_MASTER_KEY: master, SIGNING_LINK_SECRET: own, PORT: 1 })),
    ).toEqual(Buffer.from(own, 'base64'));
  });

  it('point at PUBLIC_URL, by default the API on localhost', () => {
    expect(publicUrlOf({ PORT: 3100 })).toBe('http://localhost:3100');
    expect(publicUrlOf({ PUBLIC_URL: 'https://ecvet.example/app/', PORT: 3000 })).toBe(
      'https://ecvet.example/app',
    );
  });
});
