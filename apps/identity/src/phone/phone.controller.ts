import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, type SessionInfo, IdentityPattern, ResetPasswordDto, SendCodeDto, PhoneVerificationResetDto, VerifyCodeDto } from '#libs/contracts';
import { Body, Caller } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { PhoneService } from './phone.service.js';

@Controller()
export class PhoneController {
  constructor(private readonly phone: PhoneService) {}

  @MessagePattern(IdentityPattern.PhoneSendCode)
  sendCode(@Payload() req: HttpRequestPayload, @Body(SendCodeDto) body: SendCodeDto) {
    return this.phone.sendCode(body, req.ip);
  }

  @MessagePattern(IdentityPattern.PhoneVerifyCode)
  verifyCode(@Body(VerifyCodeDto) body: VerifyCodeDto) {
    return this.phone.verifyCode(body);
  }

  /** `reset-ticket` route: the service checks the one-time ticket (header or body). */
  @MessagePattern(IdentityPattern.PhoneResetPassword)
  resetPassword(@Payload() req: HttpRequestPayload, @Body(ResetPasswordDto) body: ResetPasswordDto) {
    return this.phone.resetPassword(body, req.headers);
  }

  @MessagePattern(IdentityPattern.PhoneVerificationSend)
  sendVerification(@Payload() req: HttpRequestPayload, @Caller() caller: SessionInfo) {
    return this.phone.sendVerification(caller.userId, req.ip);
  }

  @MessagePattern(IdentityPattern.PhoneVerificationVerify)
  verifyVerification(@Payload() req: HttpRequestPayload, @Caller() caller: SessionInfo) {
    return this.phone.verifyVerification(caller.userId, req.params?.code ?? '');
  }

  /** `sys-admin` route: the edge checks the caller. */
  @MessagePattern(IdentityPattern.PhoneVerificationReset)
  resetVerification(@Body(PhoneVerificationResetDto) body: PhoneVerificationResetDto, @Actor() actor: AuditActor) {
    return this.phone.resetVerification(body.id, actor);
  }
}
