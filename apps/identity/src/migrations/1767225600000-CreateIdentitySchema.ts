import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentitySchema1767225600000 implements MigrationInterface {
  name = 'CreateIdentitySchema1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS identity`);
    await q.query(`
      CREATE TABLE identity.users (
        id text PRIMARY KEY,
        reg_type text NOT NULL,
        email text,
        phone text,
        password_hash text,
        first_name text, last_name text, gender text, birthdate text, photo text,
        country text, language text, city text, post_code text, address1 text, address2 text,
        job_title text,
        activated_at timestamptz,
        blocked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_lowercase CHECK (email = lower(email))
      )`);
    // One account per login: email among email-registered users, phone among phone-registered.
    await q.query(`CREATE UNIQUE INDEX users_email_login ON identity.users (email) WHERE reg_type = 'email'`);
    await q.query(`CREATE UNIQUE INDEX users_phone_login ON identity.users (phone) WHERE reg_type = 'phone'`);
    await q.query(`CREATE INDEX users_email ON identity.users (email)`);
    await q.query(`
      CREATE TABLE identity.activations (
        user_id text PRIMARY KEY REFERENCES identity.users(id) ON DELETE CASCADE,
        code_hash text NOT NULL UNIQUE,
        resend_token uuid NOT NULL UNIQUE,
        resend_count int NOT NULL DEFAULT 0,
        resend_window_started_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE identity.memberships (
        user_id text NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        participant_id text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        last_access timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, participant_id)
      )`);
    await q.query(`CREATE INDEX memberships_participant ON identity.memberships (participant_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.memberships`);
    await q.query(`DROP TABLE identity.activations`);
    await q.query(`DROP TABLE identity.users`);
  }
}
