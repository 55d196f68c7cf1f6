import { generateSecret, generateURI, verify } from 'otplib';

/** The issuer name authenticator apps show beside the account. */
const TOTP_ISSUER = 'ECVET';

/** RFC 6238 TOTP as every authenticator app does it: SHA-1, 6 digits, 30 s steps. */
export const newTotpSecret = (): string => generateSecret({ length: 20 });

export const totpUri = (secret: string, email: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label: email, secret });

/** Whether `code` is the secret's code of now, or of the step before or after (clock drift). */
export async function totpMatches(secret: string, code: string): Promise<boolean> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  try {
    return (await verify({ secret, token, epochTolerance: 30 })).valid;
  } catch {
    return false;
  }
}
