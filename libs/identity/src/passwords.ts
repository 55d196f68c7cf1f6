import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id parameters: 19 MiB, two passes, one lane (Algorithm.Argon2id = 2).
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** ASVS 5.0 V6: at least 8 characters, at most a generous 128 (≥ 64 allowed), no composition rules. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < 8) return 'a password has at least 8 characters';
  if (length > 128) return 'a password has at most 128 characters';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

/** Constant-time verification; a malformed hash is a mismatch, not an error. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
