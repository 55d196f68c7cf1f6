import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import {
  sealTrustedKeys,
  trustProxySetting,
  ConfigurationError,
  validateEnvironment,
} from './environment';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/ecvet',
  PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function errorOf(raw: Record<string, string>): ConfigurationError {
  try {
    validateEnvironment(raw);
  } catch (err) {
    if (err instanceof ConfigurationError) return err;
    throw err;
  }
  throw new Error('expected a ConfigurationError');
}

describe('validateEnvironment', () => {
  it('fills the defaults around a valid DATABASE_URL', () => {
    const env = validateEnvironment(valid);
    expect(env).toMatchObject({
      PORT: 3000,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'ecvet',
      LOG_LEVEL: 'info',
    });
  });

  it('accepts a REMINDER_POLICY in seconds and names a bad one with its setting', () => {
    const policy = '{"firstReminderAfter":"PT5S","repeatEvery":"PT5S","escalateAfter":2}';
    expect(validateEnvironment({ ...valid, REMINDER_POLICY: policy }).REMINDER_POLICY).toBe(policy);
    const err = errorOf({ ...valid, REMINDER_POLICY: '{"repeatEvery":"5s"}' });
    expect(err.variables).toEqual(['REMINDER_POLICY']);
    expect(err.message).toContain('repeatEvery');
    expect(errorOf({ ...valid, REMINDER_POLICY: 'not json' }).variables).toEqual([
      'REMINDER_POLICY',
    ]);
  });

  it('takes the request pool size as a number between 2 and 500, 20 by default', () => {
    expect(validateEnvironment(valid).DATABASE_POOL_SIZE).toBe(20);
    expect(validateEnvironment({ ...valid, DATABASE_POOL_SIZE: '40' }).DATABASE_POOL_SIZE).toBe(40);
    for (const bad of ['1', '501', 'many']) {
      expect(() => validateEnvironment({ ...valid, DATABASE_POOL_SIZE: bad })).toThrow(
        'DATABASE_POOL_SIZE',
      );
    }
  });

  it('takes TRUST_PROXY as a hop count or a list of proxies, and names a bad one', () => {
    expect(validateEnvironment({ ...valid, TRUST_PROXY: '1' }).TRUST_PROXY).toBe('1');
    expect(trustProxySetting('1')).toBe(1);
    expect(trustProxySetting('loopback, 10.0.0.0/8, fd00::1')).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::1',
    ]);
    for (const bad of ['0', '11', 'everyone', ' , ', '10.0.0.0/8; rm'])
      expect(errorOf({ ...valid, TRUST_PROXY: bad }).variables).toEqual(['TRUST_PROXY']);
  });

  it('takes the Temporal TLS material as PEM or a PEM file, the certificate with its key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecvet-env-'));
    try {
      const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      writeFileSync(join(dir, 'ca.pem'), pem);
      writeFileSync(join(dir, 'empty.txt'), 'not a certificate');
      expect(validateEnvironment(valid).TEMPORAL_TLS).toBe('off');
      expect(
        validateEnvironment({
          ...valid,
          TEMPORAL_TLS_CA: join(dir, 'ca.pem'),
          TEMPORAL_TLS_CERT: pem,
          TEMPORAL_TLS_KEY: pem,
        }),
      ).toMatchObject({ TEMPORAL_TLS_CA: join(dir, 'ca.pem'), TEMPORAL_TLS_CERT: pem });
      const unpaired = errorOf({ ...valid, TEMPORAL_TLS_CERT: pem });
      expect(unpaired.variables).toEqual(['TEMPORAL_TLS_CERT']);
      expect(unpaired.message).toMatch(/TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/);
      expect(errorOf({ ...valid, TEMPORAL_TLS_CA: join(dir, 'missing.pem') }).message).toMatch(
        /TEMPORAL_TLS_CA must be PEM text or the path of a readable PEM file/,
      );
      expect(errorOf({ ...valid, TEMPORAL_TLS_CA: join(dir, 'empty.txt') }).message).toMatch(
        /holds no PEM/,
      );
      expect(errorOf({ ...valid, TEMPORAL_TLS: 'yes' }).variables).toEqual(['TEMPORAL_TLS']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes SEAL_TRUSTED_KEYS as Ed25519 public keys, and names what is not one', () => {
    const ed = () =>
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const two = `${ed()}${ed()}`;
    expect(validateEnvironment({ ...valid, SEAL_TRUSTED_KEYS: two }).SEAL_TRUSTED_KEYS).toBe(two);
    expect(sealTrustedKeys(two)).toHaveLength(2);
    expect(errorOf({ ...valid, SEAL_TRUSTED_KEYS: `${ed()}${rsa}` }).message).toMatch(
      /SEAL_TRUSTED_KEYS key 2 is rsa, not Ed25519/,
    );
    expect(errorOf({ ...valid, SEAL_TRUSTED_KEYS: '-----BEGIN CERTIFICATE-----' }).message).toMatch(
      /SEAL_TRUSTED_KEYS must hold PEM public keys/,
    );
  });

  it('turns PORT into a number', () => {
    expect(validateEnvironment({ ...valid, PORT: '8080' }).PORT).toBe(8080);
  });

  it('names DATABASE_URL when it is missing', () => {
    const err = errorOf({ PII_MASTER_KEY: valid.PII_MASTER_KEY });
    expect(err.variables).toEqual(['DATABASE_URL']);
    expect(err.message).toContain('DATABASE_URL');
  });

  it('names DATABASE_URL when it is not a postgres URL', () => {
    expect(errorOf({ ...valid, DATABASE_URL: 'mysql://x/y' }).variables).toEqual(['DATABASE_URL']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['TEMPORAL_ADDRESS', 'no-port'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'xml'],
    ['NODE_ENV', 'staging'],
    ['PII_MASTER_KEY', 'short'],
    ['EVENT_STORE', 'mongo'],
    ['SEAL_SIGNING_KEY', 'not a pem'],
  ])('names %s when it is %p', (variable, value) => {
    const err = errorOf({ ...valid, [variable]: value });
    expect(err.variables).toEqual([variable]);
    expect(err.message).toContain(variable);
  });

  it('names every bad variable at once', () => {
    expect(errorOf({ PORT: '-1', LOG_LEVEL: 'loud' }).variables.sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PII_MASTER_KEY',
      'PORT',
    ]);
  });

  it('requires KURRENTDB_URL only when EVENT_STORE=kurrentdb', () => {
    expect(errorOf({ ...valid, EVENT_STORE: 'kurrentdb' }).variables).toEqual(['KURRENTDB_URL']);
    expect(
      validateEnvironment({
        ...valid,
        EVENT_STORE: 'kurrentdb',
        KURRENTDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false',
      }).EVENT_STORE,
    ).toBe('kurrentdb');
  });

  it('treats empty strings as unset', () => {
    expect(validateEnvironment({ ...valid, PORT: '' }).PORT).toBe(3000);
  });
});
