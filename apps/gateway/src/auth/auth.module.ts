import { Module } from '@nestjs/common';
import { ApiKeyAuthenticator } from './api-key-authenticator.js';
import { RouteAuthenticator } from './route-authenticator.js';
import { TicketAuthenticator } from './ticket-authenticator.js';

@Module({
  providers: [TicketAuthenticator, ApiKeyAuthenticator, RouteAuthenticator],
  exports: [RouteAuthenticator],
})
export class AuthModule {}
