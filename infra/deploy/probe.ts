/**
 * Health probes for containers whose image has neither curl nor wget, compiled by `npm run build`
 * to `dist/infra/deploy/probe.js`. Exit 0: healthy; 1: not (one line on stderr says why).
 *
 * - `probe.js http <url>`: the URL answers 2xx within 4 s (the compose file's check of the API's
 *   `/health`).
 * - `probe.js temporal-connection`: this container holds an established TCP connection to the
 *   port of `TEMPORAL_ADDRESS`, read from `/proc/net/tcp` and `/proc/net/tcp6`. The worker has no
 *   HTTP endpoint; once it runs, its Temporal worker (and the bridge's client) keep connections to
 *   the frontend open, and before it has connected, or while the frontend is unreachable, there
 *   is none. It cannot tell a polling worker from a connected but stuck one, and says nothing of
 *   the consumers inside the worker (the bridge's lease, the sealer).
 */
import { readFileSync } from 'node:fs';

/** TCP state 01 in /proc/net/tcp: ESTABLISHED. */
const ESTABLISHED = '01';

/**
 * How many connections of a `/proc/net/tcp` (or `tcp6`) table are established to `port` on the
 * remote side. A line: `sl local_address rem_address st …`, addresses as `<hex ip>:<hex port>`.
 */
export function establishedTo(table: string, port: number): number {
  let count = 0;
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4) continue;
    const [, , remote, state] = fields;
    const remotePort = Number.parseInt(remote.slice(remote.lastIndexOf(':') + 1), 16);
    if (state === ESTABLISHED && remotePort === port) count++;
  }
  return count;
}

/** The port of a `host:port` address (`[v6]:port` too). */
export function portOf(address: string): number {
  const port = Number(address.slice(address.lastIndexOf(':') + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${address} is not host:port`);
  return port;
}

const readTable = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

export function checkTemporalConnection(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const address = env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const port = portOf(address);
  const found =
    establishedTo(readTable('/proc/net/tcp'), port) +
    establishedTo(readTable('/proc/net/tcp6'), port);
  return found > 0 ? undefined : `no established connection to ${address} (TEMPORAL_ADDRESS)`;
}

export async function checkHttp(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(4_000), redirect: 'manual' });
    if (res.ok) return undefined;
    const body = (await res.text()).slice(0, 300).replace(/\s+/g, ' ');
    return `${url} answered ${res.status}: ${body}`;
  } catch (err) {
    return `${url}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

async function main(argv: string[]): Promise<number> {
  const [kind, url] = argv;
  let problem: string | undefined;
  if (kind === 'http' && url) problem = await checkHttp(url);
  else if (kind === 'temporal-connection' && !url) problem = checkTemporalConnection();
  else problem = 'usage: probe.js http <url> | probe.js temporal-connection';
  if (problem) process.stderr.write(`probe: ${problem}\n`);
  return problem ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => process.exit(1),
  );
}
