import { Module } from '@nestjs/common';
import { NotificationsModule } from '@ecvet/notifications';
import { OutboxController } from './outbox.controller';

/** `GET /outbox`, `GET /outbox/:id`: the local outbox of mail (see libs/notifications). */
@Module({ imports: [NotificationsModule], controllers: [OutboxController] })
export class OutboxModule {}
