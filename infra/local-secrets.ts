import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  piiMasterKey: string;
  sealSigningKeyPem: string;
  appDbPassword: string;
}

/**
 * Secrets for a local `npm start`, made once and kept under `.data/keys/` (git-ignored, mode
 * 0600). Production sets PII_MASTER_KEY and SEAL_SIGNING_KEY from its own secret store instead;
 * a variable that is set always wins over the file.
 */
export function ensureLocalSecrets(dataDir: string): LocalSecrets {
  const dir = join(dataDir, 'keys');
  // The data folder itself stays traversable: as root, PostgreSQL runs as the `postgres` user and
  // must reach `<data>/postgres` (a recursive 0700 mkdir would lock it out on a fresh machine).
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keep = (name: string, make: () => string): string => {
    const file = join(dir, name);
    if (!existsSync(file)) writeFileSync(file, make(), { mode: 0o600 });
    return readFileSync(file, 'utf8').trim();
  };
  return {
    piiMasterKey:
      process.env.PII_MASTER_KEY ??
      keep('pii-master.key', () => randomBytes(32).toString('base64')),
    sealSigningKeyPem:
      process.env.SEAL_SIGNING_KEY ??
      keep('seal-ed25519.pem', () =>
        generateKeyPairSync('ed25519')
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      ),
    appDbPassword: keep('db-app-password', () => randomBytes(18).toString('base64url')),
  };
}
