import { Agent, request, type IncomingMessage } from 'node:http';

/**
 * A lean HTTP client for the load (node:http over kept-alive connections; fetch costs the client
 * process more CPU, which on a 2-core machine is taken from the server): JSON in and out, the
 * caller's token, an Idempotency-Key on writes as the demo's client sends one.
 */
export class Http {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  send(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<{ status: number; body: string; ms: number }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(payload !== undefined && {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            }),
            ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: text,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like `send`, but a status other than 2xx is an error naming the request. */
  async ok<T>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<{ value: T; ms: number }> {
    const res = await this.send(method, path, token, body, idempotencyKey);
    if (res.status < 200 || res.status >= 300)
      throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 500)}`);
    return { value: (res.body ? JSON.parse(res.body) : undefined) as T, ms: res.ms };
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface ReadModelChange {
  kind: string;
  id: string;
  version: number;
}

/**
 * `GET /dashboard/events` as the dashboard holds it open: each `changed` event is handed to
 * `onChange` with the time (performance.now()) it arrived.
 */
export function openChanges(
  port: number,
  token: string,
  onChange: (change: ReadModelChange, at: number) => void,
): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/dashboard/events',
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) {
          reject(new Error(`/dashboard/events: ${res.statusCode}`));
          return;
        }
        let buffer = '';
        let connected = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!connected && block.includes(': connected')) {
              connected = true;
              resolve({ close: () => req.destroy() });
            }
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (/^event: changed$/m.test(block) && data)
              onChange(JSON.parse(data) as ReadModelChange, at);
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
