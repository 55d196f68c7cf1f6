import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporalSecurity, temporalSecuritySettingsOf } from './connection-security';

const PEM = (what: string) => `-----BEGIN ${what}-----\nMIIB\n-----END ${what}-----\n`;

describe('temporalSecurity', () => {
  it('is a plain connection when nothing is set (the dev server)', () => {
    expect(temporalSecurity({ TEMPORAL_TLS: 'off' })).toEqual({});
    expect(temporalSecurity(temporalSecuritySettingsOf({ TEMPORAL_TLS_CA: '' }))).toEqual({});
  });

  it('is TLS with the system CAs when TEMPORAL_TLS=on', () => {
    expect(temporalSecurity({ TEMPORAL_TLS: 'on' })).toEqual({ tls: {} });
  });

  it('sends an API key over TLS only', () => {
    expect(temporalSecurity({ TEMPORAL_TLS: 'off', TEMPORAL_API_KEY: 'k-123' })).toEqual({
      tls: {},
      apiKey: 'k-123',
    });
  });

  it('reads PEM text or PEM files: the CA, the client pair, the server name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecvet-tls-'));
    try {
      writeFileSync(join(dir, 'client.key'), PEM('PRIVATE KEY'));
      const security = temporalSecurity({
        TEMPORAL_TLS: 'off',
        TEMPORAL_TLS_CA: PEM('CERTIFICATE'),
        TEMPORAL_TLS_CERT: PEM('CERTIFICATE'),
        TEMPORAL_TLS_KEY: join(dir, 'client.key'),
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      });
      expect(Buffer.from(security.tls!.serverRootCACertificate!).toString()).toBe(
        PEM('CERTIFICATE'),
      );
      expect(Buffer.from(security.tls!.clientCertPair!.key).toString()).toBe(PEM('PRIVATE KEY'));
      expect(security.tls!.serverNameOverride).toBe('temporal.internal');
      expect(security.apiKey).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a certificate without its key', () => {
    expect(() =>
      temporalSecurity({ TEMPORAL_TLS: 'on', TEMPORAL_TLS_CERT: PEM('CERTIFICATE') }),
    ).toThrow(/TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/);
  });

  it('reads the settings from a raw environment (the command line)', () => {
    expect(
      temporalSecuritySettingsOf({
        TEMPORAL_TLS: 'on',
        TEMPORAL_API_KEY: 'k',
        TEMPORAL_TLS_CA: '',
      }),
    ).toEqual({
      TEMPORAL_TLS: 'on',
      TEMPORAL_TLS_CA: undefined,
      TEMPORAL_TLS_CERT: undefined,
      TEMPORAL_TLS_KEY: undefined,
      TEMPORAL_TLS_SERVER_NAME: undefined,
      TEMPORAL_API_KEY: 'k',
    });
  });
});
