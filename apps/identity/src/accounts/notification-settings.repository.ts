import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const SETTING_NAMES = ['notify_on_buddies', 'notify_on_reviews', 'notify_on_rewards', 'remind_to_scan', 'reminders_notifications'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** identity.notification_settings: one row per user that changed a setting (defaults otherwise). */
@Injectable()
export class NotificationSettingsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Writes the given settings only (others keep their value or default). */
  async upsert(userId: string, given: Partial<Record<SettingName, boolean>>): Promise<void> {
    const names = SETTING_NAMES.filter((name) => given[name] !== undefined);
    if (names.length === 0) return;
    const columns = names.join(', ');
    const values = names.map((_, i) => `$${i + 2}`).join(', ');
    const updates = names.map((name) => `${name} = EXCLUDED.${name}`).join(', ');
    await this.dataSource.query(
      `INSERT INTO identity.notification_settings (user_id, ${columns}) VALUES ($1, ${values})
       ON CONFLICT (user_id) DO UPDATE SET ${updates}, updated_at = now()`,
      [userId, ...names.map((name) => given[name])]);
  }

  async findByUser(userId: string): Promise<Record<SettingName, unknown> | undefined> {
    const [row] = await this.dataSource.query(`SELECT ${SETTING_NAMES.join(', ')} FROM identity.notification_settings WHERE user_id = $1`, [userId]);
    return row;
  }

  /** The whole row, or undefined when there is none or the table is not there (the admin reader's view). */
  async findRowIfTableExists(userId: string): Promise<Record<string, unknown> | undefined> {
    const [{ table }] = await this.dataSource.query(`SELECT to_regclass('identity.notification_settings')::text AS table`);
    if (!table) return undefined;
    const rows = await this.dataSource.query(`SELECT * FROM identity.notification_settings WHERE user_id = $1`, [userId]);
    return rows[0];
  }
}
