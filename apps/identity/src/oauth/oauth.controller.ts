import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { HttpRequestPayload } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { OAuthDto } from './oauth.dto.js';
import { OAuthService } from './oauth.service.js';
import { sessionOriginOf } from '../sessions/session-origin.js';
import { IdentityPattern } from '#libs/contracts';

@Controller()
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  /** JSON and form-encoded bodies arrive parsed alike (the gateway parses by content type). */
  @MessagePattern(IdentityPattern.AccountOauth)
  async signIn(@Payload() req: HttpRequestPayload) {
    return this.oauth.signIn(await validatePayload(OAuthDto, req.body ?? {}), sessionOriginOf(req));
  }
}
