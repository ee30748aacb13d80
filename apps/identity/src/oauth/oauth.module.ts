import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { OAuthController } from './oauth.controller.js';
import { OAuthEnv } from './oauth-env.js';
import { OAuthProviders, oauthEnvProvider } from './oauth-providers.js';
import { OAuthService } from './oauth.service.js';

@Module({
  imports: [AccountsModule],
  controllers: [OAuthController],
  providers: [oauthEnvProvider, { provide: OAuthProviders, inject: [OAuthEnv], useFactory: (env: OAuthEnv) => new OAuthProviders(env) }, OAuthService],
})
export class OAuthModule {}
