import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { AppConfig } from './config.module';

const REQUEST_ID = 'x-request-id';

/** Structured logs (pino): JSON lines for machines, pretty output at a terminal. Every HTTP log
 * line carries the request id, taken from an incoming `X-Request-Id` or made here and echoed. */
@Module({
  imports: [
    PinoLoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
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
              typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming)
                ? incoming
                : randomUUID();
            res.setHeader(REQUEST_ID, id);
            return id;
          },
          customAttributeKeys: { reqId: 'requestId' },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
        },
      }),
    }),
  ],
})
export class LoggerModule {}
