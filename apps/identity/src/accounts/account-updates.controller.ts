import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, type SessionInfo, IdentityPattern } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { AccountError, accountError } from './account-errors.js';
import { AccountUpdatesService } from './account-updates.service.js';
import { LocaleDto, NotificationSettingsDto, RestorePasswordDto, RestoreRequestDto, UpdateAccountDto } from './dto/update.dto.js';
import { PasswordRestoreService } from './password-restore.service.js';

function userOf(session: SessionInfo | undefined): string {
  if (!session) throw accountError(AccountError.NoSession);
  return session.userId;
}

/** PUT/DELETE /account, settings, locale, restore by email. */
@Controller()
export class AccountUpdatesController {
  constructor(
    private readonly updates: AccountUpdatesService,
    private readonly restores: PasswordRestoreService,
  ) {}

  @MessagePattern(IdentityPattern.AccountUpdate)
  async update(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    const userId = userOf(session);
    return this.updates.update(userId, await validatePayload(UpdateAccountDto, req.body));
  }

  @MessagePattern(IdentityPattern.AccountSettings)
  async settings(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    const userId = userOf(session);
    return this.updates.settings(userId, await validatePayload(NotificationSettingsDto, req.body ?? {}));
  }

  @MessagePattern(IdentityPattern.AccountLocale)
  async locale(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    const userId = userOf(session);
    return this.updates.locale(userId, await validatePayload(LocaleDto, req.body ?? {}));
  }

  @MessagePattern(IdentityPattern.AccountDelete)
  delete(@CallerSession() session?: SessionInfo) {
    return this.updates.delete(userOf(session));
  }

  @MessagePattern(IdentityPattern.PasswordRestoreRequest)
  async restoreRequest(@Payload() req: HttpRequestPayload) {
    return this.restores.request((await validatePayload(RestoreRequestDto, req.body)).email, req.ip);
  }

  @MessagePattern(IdentityPattern.PasswordRestore)
  async restore(@Payload() req: HttpRequestPayload) {
    const { password } = await validatePayload(RestorePasswordDto, req.body);
    return this.restores.restore(req.params?.code ?? '', password);
  }
}
