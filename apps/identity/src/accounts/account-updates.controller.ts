import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, type SessionInfo, IdentityPattern, LocaleDto, NotificationSettingsDto, RestorePasswordDto, RestoreRequestDto, UpdateAccountDto } from '#libs/contracts';
import { Body, Caller } from '#libs/transport';
import { AccountUpdatesService } from './account-updates.service.js';
import { PasswordRestoreService } from './password-restore.service.js';

/** PUT/DELETE /account, settings, locale, restore by email. */
@Controller()
export class AccountUpdatesController {
  constructor(
    private readonly updates: AccountUpdatesService,
    private readonly restores: PasswordRestoreService,
  ) {}

  @MessagePattern(IdentityPattern.AccountUpdate)
  update(@Caller() caller: SessionInfo, @Body(UpdateAccountDto) body: UpdateAccountDto) {
    return this.updates.update(caller.userId, body);
  }

  @MessagePattern(IdentityPattern.AccountSettings)
  settings(@Caller() caller: SessionInfo, @Body(NotificationSettingsDto) body: NotificationSettingsDto) {
    return this.updates.settings(caller.userId, body);
  }

  @MessagePattern(IdentityPattern.AccountLocale)
  locale(@Caller() caller: SessionInfo, @Body(LocaleDto) body: LocaleDto) {
    return this.updates.locale(caller.userId, body);
  }

  @MessagePattern(IdentityPattern.AccountDelete)
  delete(@Caller() caller: SessionInfo) {
    return this.updates.delete(caller.userId);
  }

  @MessagePattern(IdentityPattern.PasswordRestoreRequest)
  restoreRequest(@Payload() req: HttpRequestPayload, @Body(RestoreRequestDto) body: RestoreRequestDto) {
    return this.restores.request(body.email, req.ip);
  }

  @MessagePattern(IdentityPattern.PasswordRestore)
  restore(@Payload() req: HttpRequestPayload, @Body(RestorePasswordDto) body: RestorePasswordDto) {
    return this.restores.restore(req.params?.code ?? '', body.password);
  }
}
