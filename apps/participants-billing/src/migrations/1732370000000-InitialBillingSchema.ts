import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'participants_billing';

export class InitialBillingSchema1732370000000 implements MigrationInterface {
  name = 'InitialBillingSchema1732370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS ${S}`);
    // Participant numbers: 1 is the system participant; others are drawn from this sequence.
    await q.query(`CREATE SEQUENCE ${S}.participant_number_seq START 100000000001`);
    await q.query(`CREATE SEQUENCE ${S}.invoice_number_seq START 460050001`);
    await q.query(`
      CREATE TABLE ${S}.participants (
        id text PRIMARY KEY,
        number bigint NOT NULL UNIQUE,
        name text NOT NULL,
        country text,
        modules text[] NOT NULL DEFAULT '{}',
        participant_type text[] NOT NULL DEFAULT '{}',
        parent text,
        contacts jsonb NOT NULL DEFAULT '{}',
        gs1_activation_code text,
        brand_names text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
        billing_plan text NOT NULL DEFAULT 'custom'
          CHECK (billing_plan IN ('custom', 'basic', 'light', 'complete', 'complete+', 'corporate')),
        paid_from date,
        paid_to date,
        trial_from timestamptz,
        trial_to timestamptz,
        billing_updated_at timestamptz,
        registered_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK (paid_to IS NULL OR paid_from IS NULL OR paid_to >= paid_from)
      )`);
    await q.query(`CREATE INDEX participants_name_idx ON ${S}.participants (lower(name))`);
    await q.query(`CREATE INDEX participants_plan_idx ON ${S}.participants (billing_plan)`);
    await q.query(`CREATE INDEX participants_country_idx ON ${S}.participants (country)`);
    await q.query(`
      CREATE TABLE ${S}.company_prefixes (
        prefix text PRIMARY KEY,
        participant_id text NOT NULL REFERENCES ${S}.participants(id)
      )`);
    await q.query(`CREATE INDEX company_prefixes_participant_idx ON ${S}.company_prefixes (participant_id)`);
    await q.query(`
      CREATE TABLE ${S}.registration_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id text NOT NULL,
        ip text NOT NULL,
        company_prefix text NOT NULL,
        name text NOT NULL,
        country text NOT NULL,
        participant_type text NOT NULL,
        brand_names text[] NOT NULL DEFAULT '{}',
        pending_plan text NOT NULL,
        gs1_activation_code text,
        trial_started_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        participant_id text REFERENCES ${S}.participants(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX registration_requests_user_idx ON ${S}.registration_requests (user_id, created_at)`);
    await q.query(`
      CREATE TABLE ${S}.invoices (
        invoice_number bigint PRIMARY KEY,
        participant_id text NOT NULL REFERENCES ${S}.participants(id),
        plan text NOT NULL,
        paid_from date NOT NULL,
        paid_to date NOT NULL CHECK (paid_to >= paid_from),
        amount integer NOT NULL DEFAULT 0,
        stripe_charge_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE ${S}.payment_customers (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        owner_type text NOT NULL CHECK (owner_type IN ('participant', 'user')),
        owner_id text NOT NULL,
        stripe_customer_id text NOT NULL,
        stripe_payment_method_id text NOT NULL,
        brand text NOT NULL,
        last4 text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
        exp_month integer NOT NULL,
        exp_year integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX payment_customers_owner_live_idx ON ${S}.payment_customers (owner_type, owner_id) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE ${S}.deposit_accounts (
        participant_id text PRIMARY KEY REFERENCES ${S}.participants(id),
        address text NOT NULL UNIQUE,
        coins numeric(78,0) NOT NULL DEFAULT 0 CHECK (coins >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE ${S}.deposit_operations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        participant_id text NOT NULL REFERENCES ${S}.deposit_accounts(participant_id),
        kind text NOT NULL CHECK (kind IN ('charge', 'credit')),
        idempotency_key text NOT NULL,
        amount numeric(78,0) NOT NULL CHECK (amount > 0),
        fee numeric(78,0) NOT NULL DEFAULT 0 CHECK (fee >= 0),
        invoice_fee numeric(78,0) NOT NULL DEFAULT 0 CHECK (invoice_fee >= 0),
        balance_after numeric(78,0) NOT NULL CHECK (balance_after >= 0),
        reference text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (participant_id, kind, idempotency_key)
      )`);
    await q.query(`
      CREATE TABLE ${S}.deposit_ledger (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        participant_id text NOT NULL REFERENCES ${S}.deposit_accounts(participant_id),
        entry_type text NOT NULL CHECK (entry_type IN ('credit', 'charge', 'fee')),
        amount numeric(78,0) NOT NULL CHECK (amount <> 0),
        operation_id bigint NOT NULL REFERENCES ${S}.deposit_operations(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX deposit_ledger_participant_idx ON ${S}.deposit_ledger (participant_id, id)`);
    await q.query(`
      CREATE FUNCTION ${S}.reject_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'deposit_ledger is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER deposit_ledger_append_only BEFORE UPDATE OR DELETE ON ${S}.deposit_ledger
      FOR EACH ROW EXECUTE FUNCTION ${S}.reject_ledger_change()`);
    await q.query(`
      CREATE TABLE ${S}.deposit_fees (
        participant_id text PRIMARY KEY REFERENCES ${S}.participants(id),
        type text NOT NULL CHECK (type IN ('percentages', 'coins')),
        percent_hundredths integer CHECK (percent_hundredths > 0 AND percent_hundredths <= 10000),
        coins numeric(78,0) CHECK (coins > 0),
        source text NOT NULL CHECK (source IN ('invoice', 'balance')),
        status text NOT NULL CHECK (status IN ('active', 'inactive')),
        updated_at timestamptz NOT NULL,
        CHECK ((type = 'percentages') = (percent_hundredths IS NOT NULL)),
        CHECK ((type = 'coins') = (coins IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE ${S}.deposit_topups (
        participant_id text PRIMARY KEY REFERENCES ${S}.participants(id),
        amount integer NOT NULL CHECK (amount > 0),
        currency text NOT NULL,
        frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
        coins_threshold numeric(78,0) NOT NULL CHECK (coins_threshold >= 0),
        minimal_amount boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'inactive')),
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE ${S}.deletion_requests (
        request_id uuid PRIMARY KEY,
        participant_id text NOT NULL UNIQUE REFERENCES ${S}.participants(id),
        status text NOT NULL CHECK (status IN ('in_progress', 'done')),
        acknowledged text[] NOT NULL DEFAULT '{}',
        requested_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['deletion_requests', 'deposit_topups', 'deposit_fees', 'deposit_ledger', 'deposit_operations',
      'deposit_accounts', 'payment_customers', 'invoices', 'registration_requests', 'company_prefixes', 'participants']) {
      await q.query(`DROP TABLE IF EXISTS ${S}.${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS ${S}.reject_ledger_change()`);
    await q.query(`DROP SEQUENCE IF EXISTS ${S}.invoice_number_seq`);
    await q.query(`DROP SEQUENCE IF EXISTS ${S}.participant_number_seq`);
  }
}
