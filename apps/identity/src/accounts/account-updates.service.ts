import { Injectable } from '@nestjs/common';
import type { ProfileView } from '#libs/contracts';
import { TicketStore } from '#libs/session';
import { CheckedPassword } from './checked-password.js';
import { AccountError, accountError } from './account-errors.js';
import { loginOf, profileView } from './account-views.js';
import { IdentityEvents } from './identity-events.js';
import { PasswordHasher } from './password-hasher.js';
import { NotificationSettingsRepository, SETTING_NAMES } from './notification-settings.repository.js';
import type { UserEntity } from './user.entity.js';
import { normalizeEmail } from './user-id.js';
import { UsersRepository } from './users.repository.js';
import { LocaleDto, NotificationSettingsDto, UpdateAccountDto } from '#libs/contracts';

const UNIQUE_VIOLATION = '23505';
export type NotificationSettings = Record<(typeof SETTING_NAMES)[number], boolean>;

/** Doc field → entity property of the fields PUT /account may change (besides email and password). */
const EDITABLE: ReadonlyArray<[keyof UpdateAccountDto, keyof UserEntity]> = [
  ['first_name', 'firstName'], ['last_name', 'lastName'], ['phone', 'phone'], ['language', 'language'],
  ['country', 'country'], ['post_code', 'postCode'], ['city', 'city'], ['address1', 'address1'],
  ['address2', 'address2'], ['birthdate', 'birthdate'], ['gender', 'gender'], ['photo', 'photo'], ['job_title', 'jobTitle'],
];

/** The signed-in user's own changes: profile, password, settings, locale, deletion. */
/** Profile fields other services keep a copy of (rewards shows them on buddies and timelines). */
const SHARED_PROFILE: readonly (keyof UserEntity)[] = ['firstName', 'lastName', 'photo', 'timezoneMin'];

@Injectable()
export class AccountUpdatesService {
  constructor(
    private readonly users: UsersRepository,
    private readonly notificationSettings: NotificationSettingsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tickets: TicketStore,
    private readonly password: CheckedPassword,
    private readonly events: IdentityEvents,
  ) {}

  /**
   * A new password, or a new login (email of an email account, phone of a phone account), needs
   * the current password; a new password ends every session of the user.
   */
  async update(userId: string, dto: UpdateAccountDto): Promise<ProfileView> {
    const user = await this.mustFind(userId);
    const email = dto.email !== undefined ? normalizeEmail(dto.email) : undefined;
    const changesPassword = dto.password !== undefined;
    const changesLogin = (user.regType === 'email' && email !== undefined && email !== user.email)
      || (user.regType === 'phone' && dto.phone !== undefined && dto.phone !== user.phone);
    if (changesPassword || changesLogin) await this.checkOldPassword(user, dto.old_password);

    const patch: Partial<UserEntity> = {};
    for (const [field, prop] of EDITABLE) {
      if (dto[field] !== undefined) (patch as Record<string, unknown>)[prop] = dto[field];
    }
    if (email !== undefined) patch.email = email;
    if (dto.phone !== undefined && dto.phone !== user.phone) patch.phoneVerified = false;
    if (changesPassword) patch.passwordHash = await this.hasher.hash(dto.password!);
    if (Object.keys(patch).length > 0) {
      try {
        await this.users.update(userId, patch);
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw accountError(AccountError.UserExists);
        throw error;
      }
    }
    if (changesPassword) await this.tickets.revokeAllFor(userId);
    const updated = await this.mustFind(userId);
    if (SHARED_PROFILE.some((prop) => prop in patch)) await this.events.userProfile(updated);
    return profileView(updated);
  }

  async settings(userId: string, dto: NotificationSettingsDto): Promise<NotificationSettings> {
    await this.mustFind(userId);
    await this.notificationSettings.upsert(userId, dto);
    return this.readSettings(userId);
  }

  async readSettings(userId: string): Promise<NotificationSettings> {
    const row = await this.notificationSettings.findByUser(userId);
    return Object.fromEntries(SETTING_NAMES.map((name) => [name, row ? Boolean(row[name]) : true])) as NotificationSettings;
  }

  /** Stored for the user's profile; a new time zone also goes to rewards (month-end runs in the user's time zone). */
  async locale(userId: string, dto: LocaleDto): Promise<Record<string, never>> {
    await this.mustFind(userId);
    const patch: Partial<UserEntity> = {};
    if (dto.country !== undefined) patch.country = dto.country;
    if (dto.language !== undefined) patch.language = dto.language;
    if (dto.timezone_min !== undefined) patch.timezoneMin = dto.timezone_min;
    if (Object.keys(patch).length > 0) await this.users.update(userId, patch);
    if (dto.timezone_min !== undefined) await this.events.userProfile(await this.mustFind(userId));
    return {};
  }

  /** Deletes the user (memberships, devices, settings go with it), ends the sessions, tells the other services. */
  async delete(userId: string): Promise<Record<string, never>> {
    if ((await this.users.deleteById(userId)) === 0) throw accountError(AccountError.UserNotFound);
    await this.tickets.revokeAllFor(userId);
    await this.events.userDeleted(userId);
    return {};
  }

  private async checkOldPassword(user: UserEntity, oldPassword: string | undefined): Promise<void> {
    if (!oldPassword) {
      throw accountError(AccountError.OldPasswordRequired, { details: [{ field: 'old_password', errors: ['old_password is required'] }] });
    }
    // Guessing the old password with a stolen session counts like guessing at sign-in.
    if (!(await this.password.check(loginOf(user), undefined, user, oldPassword))) throw accountError(AccountError.OldPasswordWrong);
  }

  private async mustFind(userId: string): Promise<UserEntity> {
    const user = await this.users.findById(userId);
    if (!user) throw accountError(AccountError.UserNotFound);
    return user;
  }
}
