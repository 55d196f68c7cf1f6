import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ReadModelEvents, type ReadModelChange } from '@ecvet/application';
import type { Principal } from '@ecvet/identity';
import { Caller } from '../auth/principal.decorator';
import { Unauthenticated } from '../auth/unauthenticated';
import { ApiRead } from '../http/api-docs';
import { StreamCredentials } from './stream-credentials';

/** How often a stream is pinged (and its credentials checked). Tests shorten it. */
export const SSE_TIMING = { pingMs: 15_000 };

/**
 * `GET /dashboard/events`: server-sent events of the read models' changes the caller may read
 * (`event: changed`, `data: {"kind","id","version"}`), a `: ping` comment every 15 s. At each
 * ping the caller's session (or token) and account are checked again: once they are no longer
 * valid the stream says `event: ended` and closes (the page then signs in again).
 */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardEventsController {
  constructor(
    private readonly events: ReadModelEvents,
    private readonly credentials: StreamCredentials,
  ) {}

  @Get('events')
  @ApiOperation({ summary: 'Live changes of what you may read (text/event-stream)' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'The stream: `retry`, then an event per change and a ping every 15 s',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiRead()
  async stream(
    @Caller() principal: Principal | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!principal) throw new Unauthenticated('sign in, or send an API token');
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);

    let open = true;
    let unsubscribe: () => void = () => undefined;
    const close = () => {
      if (!open) return;
      open = false;
      clearInterval(ping);
      unsubscribe();
      res.end();
    };
    const ping = setInterval(() => {
      void this.credentials.stillValid(principal).then(
        (valid) => {
          if (!open) return;
          if (valid) res.write(': ping\n\n');
          else {
            res.write('event: ended\ndata: {"reason":"session"}\n\n');
            close();
          }
        },
        () => open && res.write(': ping\n\n'),
      );
    }, SSE_TIMING.pingMs);
    req.on('close', close);
    res.on('error', close);

    unsubscribe = await this.events.subscribe(principal, (change: ReadModelChange) => {
      if (open) res.write(`event: changed\ndata: ${JSON.stringify(change)}\n\n`);
    });
    if (!open) unsubscribe();
    // The connection is listening: say so (a client may wait for it before it expects changes).
    else res.write('retry: 3000\n: connected\n\n');
  }
}
