import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkHttp, establishedTo, portOf } from '../../infra/deploy/probe';

/** /proc/net/tcp as the kernel writes it: a header, then one socket per line. */
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1001 1 0000000000000000 100 0 0 10 0
   1: 0A00000B:A1C2 0A000021:1C41 01 00000000:00000000 02:000A3F2C 00000000  1000        0 1002 2 0000000000000000 20 4 30 10 -1
   2: 0A00000B:A1C4 0A000021:1C41 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000
   3: 0A00000B:B2D0 0A000022:1538 01 00000000:00000000 02:000A3F2C 00000000  1000        0 1003 2 0000000000000000 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0000000000000000FFFF00000B00000A:C350 0000000000000000FFFF00002100000A:1C41 01 00000000:00000000 00:00000000 00000000  1000        0 2001 1 0000000000000000 20 4 0 10 -1
`;

describe('the worker probe: a connection to the Temporal frontend', () => {
  it('counts established connections to the port (0x1C41 = 7233), not listening or closing ones', () => {
    expect(establishedTo(TCP, 7233)).toBe(1);
    expect(establishedTo(TCP, 5432)).toBe(1);
    expect(establishedTo(TCP, 3000)).toBe(0); // listening (0A), not a connection
    expect(establishedTo(TCP6, 7233)).toBe(1);
    expect(establishedTo('', 7233)).toBe(0);
  });

  it('takes the port of TEMPORAL_ADDRESS, IPv6 literals too', () => {
    expect(portOf('temporal-frontend.temporal:7233')).toBe(7233);
    expect(portOf('[fd00::21]:7234')).toBe(7234);
    expect(() => portOf('temporal-frontend')).toThrow(/not host:port/);
  });
});

describe('the HTTP probe', () => {
  it('passes on 2xx and says why on anything else', async () => {
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/health' ? 200 : 503;
      res.end(
        req.url === '/health' ? '{"status":"ok"}' : '{"status":"error","error":{"temporal":{}}}',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await checkHttp(`${base}/health`)).toBeUndefined();
      expect(await checkHttp(`${base}/down`)).toMatch(/answered 503: .*temporal/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await checkHttp(`${base}/health`)).toMatch(/ECONNREFUSED|fetch failed/);
  });
});
