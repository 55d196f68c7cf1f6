import type { TLSConfig } from '@temporalio/client';
// Relative: the command line loads this without the path aliases.
import { pemOrFile } from '../../config/src/environment-settings';

/** The settings that say how to reach the Temporal frontend securely (see libs/config). */
export interface TemporalSecuritySettings {
  TEMPORAL_TLS: 'on' | 'off';
  TEMPORAL_TLS_CA?: string;
  TEMPORAL_TLS_CERT?: string;
  TEMPORAL_TLS_KEY?: string;
  TEMPORAL_TLS_SERVER_NAME?: string;
  TEMPORAL_API_KEY?: string;
}

/** What the client's `Connection` and the worker's `NativeConnection` take for it. */
export interface TemporalSecurity {
  tls?: TLSConfig;
  apiKey?: string;
}

/**
 * The connection options of the settings: plain (none of them set — the dev server), TLS trusting
 * the system's CAs or the given one, a client certificate for mutual TLS, a server name to check
 * the frontend's certificate against, an API key (always over TLS). PEM settings are the text or
 * a file's path, read here, at each connection.
 */
export function temporalSecurity(settings: TemporalSecuritySettings): TemporalSecurity {
  const {
    TEMPORAL_TLS,
    TEMPORAL_TLS_CA: ca,
    TEMPORAL_TLS_CERT: cert,
    TEMPORAL_TLS_KEY: key,
    TEMPORAL_TLS_SERVER_NAME: serverName,
    TEMPORAL_API_KEY: apiKey,
  } = settings;
  if (TEMPORAL_TLS !== 'on' && !ca && !cert && !key && !serverName && !apiKey) return {};
  if (Boolean(cert) !== Boolean(key))
    throw new RangeError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both or neither');
  const tls: TLSConfig = {
    ...(ca && { serverRootCACertificate: Buffer.from(pemOrFile(ca)) }),
    ...(cert &&
      key && {
        clientCertPair: { crt: Buffer.from(pemOrFile(cert)), key: Buffer.from(pemOrFile(key)) },
      }),
    ...(serverName && { serverNameOverride: serverName }),
  };
  return { tls, ...(apiKey && { apiKey }) };
}

/** The settings from a raw environment (the command line reads no validated configuration). */
export function temporalSecuritySettingsOf(env: NodeJS.ProcessEnv): TemporalSecuritySettings {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  return {
    TEMPORAL_TLS: env.TEMPORAL_TLS === 'on' ? 'on' : 'off',
    TEMPORAL_TLS_CA: value('TEMPORAL_TLS_CA'),
    TEMPORAL_TLS_CERT: value('TEMPORAL_TLS_CERT'),
    TEMPORAL_TLS_KEY: value('TEMPORAL_TLS_KEY'),
    TEMPORAL_TLS_SERVER_NAME: value('TEMPORAL_TLS_SERVER_NAME'),
    TEMPORAL_API_KEY: value('TEMPORAL_API_KEY'),
  };
}
