import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { HttpRequestPayload } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { OAuthDto } from './oauth.dto.js';
import { OAuthService } from './oauth.service.js';

@Controller()
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  /** JSON and form-encoded bodies arrive parsed alike (the gateway parses by content type). */
  @MessagePattern('identity.account.oauth')
  async signIn(@Payload() req: HttpRequestPayload) {
    return this.oauth.signIn(await validatePayload(OAuthDto, req.body ?? {}));
  }
}
