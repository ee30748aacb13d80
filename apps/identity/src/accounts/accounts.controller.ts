import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, IdentityPattern, type SessionInfo } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { AccountError, accountError } from './account-errors.js';
import { AccountsService } from './accounts.service.js';
import { RequestLimits } from '../security/request-limits.js';
import { CreateAccountDto } from './dto/create-account.dto.js';
import { CheckAccountDto, ResendCodeDto } from './dto/simple.dto.js';

@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService, private readonly limits: RequestLimits) {}

  @MessagePattern(IdentityPattern.AccountCreate)
  async create(@Payload() req: HttpRequestPayload) {
    return this.accounts.create(await validatePayload(CreateAccountDto, req.body), req.ip);
  }

  @MessagePattern(IdentityPattern.AccountActivate)
  activate(@Payload() req: HttpRequestPayload) {
    return this.accounts.activate(req.params?.activation_code ?? '');
  }

  @MessagePattern(IdentityPattern.AccountResendCode)
  async resendCode(@Payload() req: HttpRequestPayload) {
    return this.accounts.resendActivation((await validatePayload(ResendCodeDto, req.body)).token);
  }

  @MessagePattern(IdentityPattern.AccountGet)
  get(@CallerSession() session: SessionInfo | undefined) {
    if (!session) throw accountError(AccountError.NoSession);
    return this.accounts.accountRead(session.userId);
  }

  /** Rate limited per IP: it tells whether an email has an account. */
  @MessagePattern(IdentityPattern.AccountCheck)
  async check(@Payload() req: HttpRequestPayload) {
    const { email } = await validatePayload(CheckAccountDto, req.body);
    await this.limits.accountCheckFromIp(req.ip);
    return this.accounts.check(email);
  }

  @MessagePattern(IdentityPattern.AccountRegistrationTypes)
  registrationTypes() {
    return this.accounts.registrationTypes();
  }
}
