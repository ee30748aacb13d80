import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { NotificationSettingsRepository } from '../accounts/notification-settings.repository.js';
import { UsersRepository } from '../accounts/users.repository.js';

export interface NotificationSettingsView {
  brands: { allow_shoutouts: boolean; brand: string }[];
  settings: { notify_on_buddies: boolean; notify_on_reviews: boolean; notify_on_rewards: boolean; remind_to_scan: boolean; reminders_notifications: boolean };
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettingsView['settings'] = {
  notify_on_buddies: true, notify_on_reviews: true, notify_on_rewards: true, remind_to_scan: true, reminders_notifications: true,
};

/**
 * A user's notification settings for the admin. The settings are written by `PUT /account/settings`
 * (accounts); until accounts stores them the defaults apply. Brand shout-out choices belong to
 * rewards and are empty here until rewards feeds them.
 */
@Injectable()
export class NotificationSettingsReader {
  constructor(private readonly users: UsersRepository, private readonly settings: NotificationSettingsRepository) {}

  async read(userId: string): Promise<NotificationSettingsView> {
    if (!(await this.users.existsById(userId))) {
      throw DomainError.notFound('User not found', 'identity.user.not_found');
    }
    return { brands: [], settings: { ...DEFAULT_NOTIFICATION_SETTINGS, ...(await this.stored(userId)) } };
  }

  /** Reads accounts' settings table when it exists (it is created by accounts' own migration). */
  private async stored(userId: string): Promise<Partial<NotificationSettingsView['settings']>> {
    const row = await this.settings.findRowIfTableExists(userId);
    if (!row) return {};
    return Object.fromEntries(Object.keys(DEFAULT_NOTIFICATION_SETTINGS)
      .filter((k) => typeof row[k] === 'boolean').map((k) => [k, row[k] as boolean]));
  }
}
