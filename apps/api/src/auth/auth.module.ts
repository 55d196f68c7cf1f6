import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthSettings } from './auth-settings';
import { EmbeddedProvider } from './oidc/embedded-provider';
import { InteractionController } from './oidc/interaction.controller';
import { TotpCodes } from './oidc/totp';
import { RelyingParty } from './relying-party';
import { SessionSweeper } from './session-sweeper';
import { SignInRecords } from './sign-in-records';

/**
 * Sign-in: the relying party (`/auth/*`), the embedded OpenID provider (`/oidc`, with its
 * sign-in pages at `/auth/interaction/*`) unless OIDC_ISSUER_URL names another, and the
 * security events of signing in. The session cookie itself is read by the global
 * AuthenticationGuard (app.module.ts); sessions are libs/identity's `Sessions`.
 */
@Module({
  controllers: [AuthController, InteractionController],
  providers: [
    AuthSettings,
    RelyingParty,
    EmbeddedProvider,
    SignInRecords,
    TotpCodes,
    SessionSweeper,
  ],
})
export class AuthModule {}
