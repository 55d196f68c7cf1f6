import { Socket } from 'node:net';
import { Client } from 'pg';
import { ConfigurationError } from './environment';

/** Connects to PostgreSQL once; an unreachable or refusing server is a ConfigurationError that
 * names `variable`, so a wrong DATABASE_URL stops the start instead of failing later. */
export async function assertPostgresReachable(
  url: string,
  variable = 'DATABASE_URL',
  timeoutMs = 5_000,
): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new ConfigurationError(
      [variable],
      `${variable} (${redact(url)}) is unreachable: ${describe(err)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A TCP connect to host:port; the Temporal frontend speaks gRPC there. */
export async function assertTcpReachable(
  hostPort: string,
  variable: string,
  timeoutMs = 5_000,
): Promise<void> {
  const idx = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, idx).replace(/^\[|\]$/g, '');
  const port = Number(hostPort.slice(idx + 1));
  await new Promise<void>((resolve, reject) => {
    const socket = new Socket();
    const fail = (reason: string) => {
      socket.destroy();
      reject(
        new ConfigurationError([variable], `${variable} (${hostPort}) is unreachable: ${reason}`),
      );
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
    socket.once('error', (err) => fail(describe(err)));
    socket.connect(port, host, () => {
      socket.end();
      resolve();
    });
  });
}

/** Hides the password of a connection string in messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable>';
  }
}

function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return describe(err.errors[0]);
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code)
      ? `${code} ${err.message}`
      : err.message || code || 'error';
  }
  return String(err);
}
