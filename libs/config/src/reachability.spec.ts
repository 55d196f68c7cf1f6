import { createServer } from 'node:net';
import { ConfigurationError } from './environment';
import { assertPostgresReachable, assertTcpReachable, redact } from './reachability';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('reachability checks at start-up', () => {
  it('reports an unreachable DATABASE_URL naming the variable, without its password', async () => {
    const port = await closedPort();
    const check = assertPostgresReachable(`postgres://app:secret@127.0.0.1:${port}/x`);
    await expect(check).rejects.toBeInstanceOf(ConfigurationError);
    await expect(check).rejects.toThrow(
      /^DATABASE_URL \(postgres:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/x\) is unreachable: .*ECONNREFUSED/,
    );
  });

  it('reports an unreachable TEMPORAL_ADDRESS naming the variable', async () => {
    const port = await closedPort();
    await expect(assertTcpReachable(`127.0.0.1:${port}`, 'TEMPORAL_ADDRESS')).rejects.toThrow(
      /TEMPORAL_ADDRESS .* is unreachable/,
    );
  });

  it('accepts a listening TCP address', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      await expect(
        assertTcpReachable(`127.0.0.1:${port}`, 'TEMPORAL_ADDRESS'),
      ).resolves.toBeUndefined();
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('redacts passwords and survives garbage', () => {
    expect(redact('postgres://u:pw@h:1/d')).toBe('postgres://u:***@h:1/d');
    expect(redact('not a url')).toBe('<unparseable>');
  });
});
