import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { freePort } from '../../infra/net';
import type { DevServerHandle } from '../../infra/temporal/temporal-dev-server';
import {
  startTemporalWorker,
  temporalSecurity,
  type RunningWorker,
  type TemporalSecuritySettings,
} from '@ecvet/temporal';
import { greetWorkflow } from '../fixtures/workflows/foundation.workflow';
import * as activities from '../fixtures/workflows/foundation.activities';
import { startDevServerOnFreePorts } from '../support/temporal';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * TLS and mutual TLS to the Temporal frontend (TEMPORAL_TLS_*), as a production cluster asks:
 * the dev server speaks plain gRPC, so a TLS front of our own (node:tls, ALPN h2, a client
 * certificate required) forwards to it — what a cluster's own TLS or a TLS-terminating proxy
 * does. Certificates come from openssl: a CA, the front's certificate for 127.0.0.1, a client's.
 * The worker (the SDK's native connection), the client (gRPC in JavaScript) and the API's /health
 * connect through it. An API key (TEMPORAL_API_KEY) travels as a header inside TLS, which this
 * front cannot read: that it is passed on is unit-tested (libs/temporal).
 */
jest.setTimeout(120_000);

const openssl = (dir: string, ...args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA, and certificates it signed for the server (127.0.0.1, localhost) and a client. */
function makeCertificates(dir: string) {
  const req = (name: string, subject: string) =>
    openssl(
      dir,
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    );
  openssl(
    dir,
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-subj',
    '/CN=ECVET test CA',
  );
  const sign = (name: string, extensions: string) => {
    writeFileSync(join(dir, `${name}.ext`), extensions);
    openssl(
      dir,
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      `${name}.pem`,
      '-extfile',
      `${name}.ext`,
    );
  };
  req('server', '/CN=temporal.test');
  sign('server', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  req('client', '/CN=ecvet-worker');
  sign('client', 'extendedKeyUsage=clientAuth\n');
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    caPath: join(dir, 'ca.pem'),
    ca: read('ca.pem'),
    serverCert: read('server.pem'),
    serverKey: read('server.key'),
    clientCert: read('client.pem'),
    clientKeyPath: join(dir, 'client.key'),
  };
}

describe('TLS and mutual TLS to the Temporal frontend', () => {
  const savedEnv = { ...process.env };
  let dir: string;
  let certs: ReturnType<typeof makeCertificates>;
  let server: DevServerHandle;
  let front: TlsServer;
  let frontAddress: string;
  const handshakes = { accepted: 0, refused: 0 };
  let worker: RunningWorker | undefined;
  let db: TestDatabase | undefined;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ecvet-tls-'));
    certs = makeCertificates(dir);
    server = await startDevServerOnFreePorts({});
    const [host, port] = server.address.split(':');
    front = createTlsServer(
      {
        key: certs.serverKey,
        cert: certs.serverCert,
        ca: [certs.ca],
        requestCert: true,
        rejectUnauthorized: true,
        ALPNProtocols: ['h2'],
      },
      (socket) => {
        handshakes.accepted++;
        const upstream: Socket = connectTcp(Number(port), host);
        socket.pipe(upstream).pipe(socket);
        const close = () => {
          socket.destroy();
          upstream.destroy();
        };
        socket.on('error', close);
        upstream.on('error', close);
      },
    );
    front.on('tlsClientError', () => handshakes.refused++);
    const frontPort = await freePort();
    await new Promise<void>((resolve) => front.listen(frontPort, '127.0.0.1', resolve));
    frontAddress = `127.0.0.1:${frontPort}`;
  });

  afterAll(async () => {
    process.env = savedEnv;
    await app?.close();
    await worker?.stop();
    await new Promise((resolve) => front?.close(resolve));
    await server?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The settings as an operator gives them: the CA as a file, the client pair as text and file. */
  const mutual = (): TemporalSecuritySettings => ({
    TEMPORAL_TLS: 'off',
    TEMPORAL_TLS_CA: certs.caPath,
    TEMPORAL_TLS_CERT: certs.clientCert,
    TEMPORAL_TLS_KEY: certs.clientKeyPath,
  });

  it('the worker and a client run a workflow through TLS with a client certificate', async () => {
    const security = temporalSecurity(mutual());
    expect(security.tls?.clientCertPair).toBeDefined();
    worker = await startTemporalWorker({
      address: frontAddress,
      security,
      namespace: 'default',
      taskQueue: 'foundation-tls',
      workflowsPath: require.resolve('../fixtures/workflows/foundation.workflow'),
      activities,
      maxAttempts: 3,
    });
    const connection = await Connection.connect({ address: frontAddress, ...security });
    try {
      const result = await new Client({ connection }).workflow.execute(greetWorkflow, {
        args: ['Annija', 'lv'],
        workflowId: `greet-tls-${Date.now()}`,
        taskQueue: 'foundation-tls',
      });
      expect(result).toBe('Sveiki, Annija!');
    } finally {
      await connection.close();
    }
    expect(handshakes.accepted).toBeGreaterThanOrEqual(2);
  });

  it('the API reports Temporal up through TLS configured by its environment', async () => {
    db = await createTestDatabase('temporal_tls');
    process.env.DATABASE_URL = db.url;
    process.env.PII_MASTER_KEY = randomBytes(32).toString('base64');
    process.env.LOG_LEVEL = 'warn';
    process.env.TEMPORAL_ADDRESS = frontAddress;
    process.env.TEMPORAL_TLS_CA = certs.ca;
    process.env.TEMPORAL_TLS_CERT = certs.clientCert;
    process.env.TEMPORAL_TLS_KEY = certs.clientKeyPath;
    app = await createApiApp();
    await app.init();
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.info.temporal).toMatchObject({ status: 'up', address: frontAddress });
  });

  it('refuses a client without a certificate, a plain one, and one that does not trust the CA', async () => {
    const attempt = async (options: Parameters<typeof Connection.connect>[0]) => {
      try {
        const connection = await Connection.connect({ connectTimeout: 3_000, ...options });
        try {
          await connection.workflowService.getSystemInfo({});
          return 'connected';
        } finally {
          await connection.close();
        }
      } catch {
        return 'refused';
      }
    };
    const refusedBefore = handshakes.refused;
    const withoutCertificate = temporalSecurity({
      TEMPORAL_TLS: 'off',
      TEMPORAL_TLS_CA: certs.caPath,
    });
    expect(await attempt({ address: frontAddress, ...withoutCertificate })).toBe('refused');
    expect(await attempt({ address: frontAddress })).toBe('refused');
    const systemCAsOnly = temporalSecurity({
      ...mutual(),
      TEMPORAL_TLS: 'on',
      TEMPORAL_TLS_CA: '',
    });
    expect(systemCAsOnly.tls?.serverRootCACertificate).toBeUndefined();
    expect(await attempt({ address: frontAddress, ...systemCAsOnly })).toBe('refused');
    expect(handshakes.refused).toBeGreaterThan(refusedBefore);
    // … and the right settings still connect.
    expect(await attempt({ address: frontAddress, ...temporalSecurity(mutual()) })).toBe(
      'connected',
    );
  });
});
