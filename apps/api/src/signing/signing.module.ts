import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { urlencoded } from 'express';
import { NotificationsModule } from '@ecvet/notifications';
import { SigningController } from './signing.controller';

/**
 * `GET /sign/:token`, `POST /sign/:token/sign`, `POST /sign/:token/decline`: the pages of the
 * signing links that reminders carry (see libs/notifications). The two form posts, and only
 * they, accept `application/x-www-form-urlencoded`.
 */
@Module({ imports: [NotificationsModule], controllers: [SigningController] })
export class SigningModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }))
      .forRoutes(
        { path: 'sign/:token/sign', method: RequestMethod.POST },
        { path: 'sign/:token/decline', method: RequestMethod.POST },
      );
  }
}
