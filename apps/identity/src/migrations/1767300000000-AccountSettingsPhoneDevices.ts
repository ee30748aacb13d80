import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Phone verification, locale time zone and notification settings of users; push devices. */
export class AccountSettingsPhoneDevices1767300000000 implements MigrationInterface {
  name = 'AccountSettingsPhoneDevices1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE identity.users
        ADD COLUMN phone_verified boolean NOT NULL DEFAULT false,
        ADD COLUMN timezone_min int CHECK (timezone_min BETWEEN -720 AND 840)`);
    // A row only once the user changed something: every setting defaults to on.
    await q.query(`
      CREATE TABLE identity.notification_settings (
        user_id text PRIMARY KEY REFERENCES identity.users(id) ON DELETE CASCADE,
        notify_on_buddies boolean NOT NULL DEFAULT true,
        notify_on_reviews boolean NOT NULL DEFAULT true,
        notify_on_rewards boolean NOT NULL DEFAULT true,
        remind_to_scan boolean NOT NULL DEFAULT true,
        reminders_notifications boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A push token belongs to one device, so to one user at a time: the key has no user in it.
    await q.query(`
      CREATE TABLE identity.devices (
        type text NOT NULL CHECK (type IN ('apns', 'apns_sandbox', 'gcm', 'baidu')),
        device_id text NOT NULL,
        channel text NOT NULL DEFAULT '',
        user_id text NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (type, device_id, channel)
      )`);
    await q.query(`CREATE INDEX devices_user ON identity.devices (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.devices`);
    await q.query(`DROP TABLE identity.notification_settings`);
    await q.query(`ALTER TABLE identity.users DROP COLUMN timezone_min, DROP COLUMN phone_verified`);
  }
}
