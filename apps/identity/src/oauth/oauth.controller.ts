import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, IdentityPattern, OAuthDto } from '#libs/contracts';
import { Body } from '#libs/transport';
import { OAuthService } from './oauth.service.js';
import { sessionOriginOf } from '../sessions/session-origin.js';

@Controller()
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  /** JSON and form-encoded bodies arrive parsed alike (the gateway parses by content type). */
  @MessagePattern(IdentityPattern.AccountOauth)
  signIn(@Payload() req: HttpRequestPayload, @Body(OAuthDto) body: OAuthDto) {
    return this.oauth.signIn(body, sessionOriginOf(req));
  }
}
