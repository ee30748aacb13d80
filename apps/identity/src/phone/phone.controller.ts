import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, type SessionInfo, IdentityPattern } from '#libs/contracts';
import { DomainError, validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
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

  @MessagePattern(IdentityPattern.PhoneSendCode)
  async sendCode(@Payload() req: HttpRequestPayload) {
    return this.phone.sendCode(await validatePayload(SendCodeDto, req.body), req.ip);
  }

  @MessagePattern(IdentityPattern.PhoneVerifyCode)
  async verifyCode(@Payload() req: HttpRequestPayload) {
    return this.phone.verifyCode(await validatePayload(VerifyCodeDto, req.body));
  }

  @MessagePattern(IdentityPattern.PhoneResetPassword)
  async resetPassword(@Payload() req: HttpRequestPayload) {
    return this.phone.resetPassword(await validatePayload(ResetPasswordDto, req.body), req.headers);
  }

  @MessagePattern(IdentityPattern.PhoneVerificationSend)
  sendVerification(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    return this.phone.sendVerification(userOf(session), req.ip);
  }

  @MessagePattern(IdentityPattern.PhoneVerificationVerify)
  verifyVerification(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    return this.phone.verifyVerification(userOf(session), req.params?.code ?? '');
  }

  @MessagePattern(IdentityPattern.PhoneVerificationReset)
  async resetVerification(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor, @CallerSession() session?: SessionInfo) {
    requireSysAdmin(session);
    return this.phone.resetVerification((await validatePayload(UserIdDto, req.body)).id, actor);
  }
}
