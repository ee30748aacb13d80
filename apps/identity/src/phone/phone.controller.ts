import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HttpRequestPayload, SessionInfo } from '#libs/contracts';
import { DomainError, validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { requireSysAdmin } from '../security/sys-admin.js';
import { ResetPasswordDto, SendCodeDto, UserIdDto, VerifyCodeDto } from './phone.dto.js';
import { PhoneService } from './phone.service.js';

const userOf = (session: SessionInfo | undefined): string => {
  if (!session) throw DomainError.unauthenticated();
  return session.userId;
};

@Controller()
export class PhoneController {
  constructor(private readonly phone: PhoneService) {}

  @MessagePattern('identity.phone.send-code')
  async sendCode(@Payload() req: HttpRequestPayload) {
    return this.phone.sendCode(await validatePayload(SendCodeDto, req.body), req.ip);
  }

  @MessagePattern('identity.phone.verify-code')
  async verifyCode(@Payload() req: HttpRequestPayload) {
    return this.phone.verifyCode(await validatePayload(VerifyCodeDto, req.body));
  }

  @MessagePattern('identity.phone.reset-password')
  async resetPassword(@Payload() req: HttpRequestPayload) {
    return this.phone.resetPassword(await validatePayload(ResetPasswordDto, req.body), req.headers);
  }

  @MessagePattern('identity.phone-verification.send')
  sendVerification(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    return this.phone.sendVerification(userOf(session), req.ip);
  }

  @MessagePattern('identity.phone-verification.verify')
  verifyVerification(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    return this.phone.verifyVerification(userOf(session), req.params?.code ?? '');
  }

  @MessagePattern('identity.phone-verification.reset')
  async resetVerification(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    requireSysAdmin(session);
    return this.phone.resetVerification((await validatePayload(UserIdDto, req.body)).id);
  }
}
