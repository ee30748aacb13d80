import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, IdentityPattern, type SessionInfo, CreateAccountDto, CheckAccountDto, ResendCodeDto } from '#libs/contracts';
import { Body, Caller } from '#libs/transport';
import { AccountsService } from './accounts.service.js';
import { RequestLimits } from '../security/request-limits.js';

@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService, private readonly limits: RequestLimits) {}

  @MessagePattern(IdentityPattern.AccountCreate)
  create(@Payload() req: HttpRequestPayload, @Body(CreateAccountDto) body: CreateAccountDto) {
    return this.accounts.create(body, req.ip);
  }

  @MessagePattern(IdentityPattern.AccountActivate)
  activate(@Payload() req: HttpRequestPayload) {
    return this.accounts.activate(req.params?.activation_code ?? '');
  }

  @MessagePattern(IdentityPattern.AccountResendCode)
  resendCode(@Body(ResendCodeDto) body: ResendCodeDto) {
    return this.accounts.resendActivation(body.token);
  }

  @MessagePattern(IdentityPattern.AccountGet)
  get(@Caller() caller: SessionInfo) {
    return this.accounts.accountRead(caller.userId);
  }

  /** Rate limited per IP: it tells whether an email has an account. */
  @MessagePattern(IdentityPattern.AccountCheck)
  async check(@Payload() req: HttpRequestPayload, @Body(CheckAccountDto) body: CheckAccountDto) {
    await this.limits.accountCheckFromIp(req.ip);
    return this.accounts.check(body.email);
  }

  @MessagePattern(IdentityPattern.AccountRegistrationTypes)
  registrationTypes() {
    return this.accounts.registrationTypes();
  }
}
