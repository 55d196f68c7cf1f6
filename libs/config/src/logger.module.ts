import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { AppConfig } from './config.module';
import { serializeRequest } from './log-redaction';

const REQUEST_ID = 'x-request-id';

/**
 * pino-http's options: the level and format, the request id, and what must not be logged —
 * credentials in headers, and the signing links' tokens (`/sign/<token>` is logged as
 * `/sign/[redacted]`, in the URL, the route parameters and the Referer; see `serializeRequest`).
 */
export function pinoHttpOptions(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>): Options {
  return {
    level: config.LOG_LEVEL,
    transport:
      config.LOG_FORMAT === 'pretty'
        ? {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
          }
        : undefined,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers[REQUEST_ID];
      const id =
        typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader(REQUEST_ID, id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    // pino-http wraps it: it receives the standard serialization of the request.
    serializers: { req: serializeRequest },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
  };
}

/** Structured logs (pino): JSON lines for machines, pretty output at a terminal. Every HTTP log
 * line carries the request id, taken from an incoming `X-Request-Id` or made here and echoed. */
@Module({
  imports: [
    PinoLoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: pinoHttpOptions(config) }),
    }),
  ],
})
export class LoggerModule {}
