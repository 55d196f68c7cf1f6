import { Global, Module } from '@nestjs/common';
import { AccountDirectory } from './account-directory';
import { ApiTokens } from './api-tokens';
import { Sessions } from './sessions';

/** Accounts' directory and credentials, API tokens and browser sessions. Global. */
@Global()
@Module({
  providers: [AccountDirectory, ApiTokens, Sessions],
  exports: [AccountDirectory, ApiTokens, Sessions],
})
export class IdentityModule {}
