import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HttpRequestPayload, IDENTITY_PATTERNS as P, SessionInfo } from '#libs/contracts';
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

  @MessagePattern(P.accountCreate)
  async create(@Payload() req: HttpRequestPayload) {
    return this.accounts.create(await validatePayload(CreateAccountDto, req.body), req.ip);
  }

  @MessagePattern(P.accountActivate)
  activate(@Payload() req: HttpRequestPayload) {
    return this.accounts.activate(req.params?.activation_code ?? '');
  }

  @MessagePattern(P.accountResendCode)
  async resendCode(@Payload() req: HttpRequestPayload) {
    return this.accounts.resendActivation((await validatePayload(ResendCodeDto, req.body)).token);
  }

  @MessagePattern(P.accountGet)
  get(@CallerSession() session: SessionInfo | undefined) {
    if (!session) throw accountError(AccountError.NoSession);
    return this.accounts.profile(session.userId);
  }

  /** Rate limited per IP: it tells whether an email has an account. */
  @MessagePattern(P.accountCheck)
  async check(@Payload() req: HttpRequestPayload) {
    const { email } = await validatePayload(CheckAccountDto, req.body);
    await this.limits.accountCheckFromIp(req.ip);
    return this.accounts.check(email);
  }

  @MessagePattern(P.accountRegistrationTypes)
  registrationTypes() {
    return this.accounts.registrationTypes();
  }
}
