import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HttpRequestPayload, SessionInfo } from '#libs/contracts';
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

  @MessagePattern('identity.account.update')
  async update(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    const userId = userOf(session);
    return this.updates.update(userId, await validatePayload(UpdateAccountDto, req.body));
  }

  @MessagePattern('identity.account.settings')
  async settings(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    const userId = userOf(session);
    return this.updates.settings(userId, await validatePayload(NotificationSettingsDto, req.body ?? {}));
  }

  @MessagePattern('identity.account.locale')
  async locale(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    const userId = userOf(session);
    return this.updates.locale(userId, await validatePayload(LocaleDto, req.body ?? {}));
  }

  @MessagePattern('identity.account.delete')
  delete(@CallerSession() session?: SessionInfo) {
    return this.updates.delete(userOf(session));
  }

  @MessagePattern('identity.password.restore-request')
  async restoreRequest(@Payload() req: HttpRequestPayload) {
    return this.restores.request((await validatePayload(RestoreRequestDto, req.body)).email, req.ip);
  }

  @MessagePattern('identity.password.restore')
  async restore(@Payload() req: HttpRequestPayload) {
    const { password } = await validatePayload(RestorePasswordDto, req.body);
    return this.restores.restore(req.params?.code ?? '', password);
  }
}
