import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'participants_billing';
const INVOICE_STATUSES = `'none', 'pending', 'requires_action', 'processing', 'succeeded', 'failed', 'refunded', 'partially_refunded'`;
const TOPUP_STATUSES = `'pending', 'requires_action', 'processing', 'succeeded', 'failed', 'refunded', 'partially_refunded'`;

/** Invoices follow their PaymentIntent; automatic top-up payments; Stripe webhook events applied once. */
export class StripePayments1732380000000 implements MigrationInterface {
  name = 'StripePayments1732380000000';

  async up(q: QueryRunner): Promise<void> {
    // Invoices written before charging existed set their period at once and were never charged.
    await q.query(`
      ALTER TABLE ${S}.invoices
        ADD COLUMN currency text,
        ADD COLUMN status text NOT NULL DEFAULT 'none' CHECK (status IN (${INVOICE_STATUSES})),
        ADD COLUMN payment_intent_id text UNIQUE,
        ADD COLUMN refunded_amount integer NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
        ADD COLUMN failure_code text,
        ADD COLUMN failure_message text,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN next_attempt_at timestamptz,
        ADD COLUMN period_applied boolean NOT NULL DEFAULT true,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CHECK (amount >= 0)`);
    await q.query(`ALTER TABLE ${S}.invoices ALTER COLUMN period_applied SET DEFAULT false`);
    await q.query(`CREATE INDEX invoices_period_idx ON ${S}.invoices (participant_id, plan, paid_from, paid_to)`);
    await q.query(`CREATE INDEX invoices_charge_idx ON ${S}.invoices (stripe_charge_id) WHERE stripe_charge_id IS NOT NULL`);
    await q.query(`CREATE INDEX invoices_due_idx ON ${S}.invoices (next_attempt_at) WHERE status IN ('pending', 'processing')`);
    await q.query(`
      CREATE TABLE ${S}.deposit_topup_payments (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        participant_id text NOT NULL REFERENCES ${S}.deposit_accounts(participant_id),
        status text NOT NULL CHECK (status IN (${TOPUP_STATUSES})),
        amount integer NOT NULL CHECK (amount > 0),
        currency text NOT NULL,
        coins numeric(78,0) NOT NULL CHECK (coins > 0),
        payment_intent_id text UNIQUE,
        charge_id text,
        failure_code text,
        failure_message text,
        refunded_amount integer NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
        refunded_coins numeric(78,0) NOT NULL DEFAULT 0 CHECK (refunded_coins >= 0),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Never two top-ups of one deposit at once, whatever runs concurrently.
    await q.query(`CREATE UNIQUE INDEX deposit_topup_payments_open_idx ON ${S}.deposit_topup_payments (participant_id) WHERE status IN ('pending', 'processing')`);
    await q.query(`CREATE INDEX deposit_topup_payments_latest_idx ON ${S}.deposit_topup_payments (participant_id, id DESC)`);
    await q.query(`CREATE INDEX deposit_topup_payments_due_idx ON ${S}.deposit_topup_payments (next_attempt_at) WHERE status IN ('pending', 'processing')`);
    await q.query(`CREATE INDEX deposit_topup_payments_charge_idx ON ${S}.deposit_topup_payments (charge_id) WHERE charge_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE ${S}.stripe_events (
        event_id text PRIMARY KEY,
        type text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ${S}.stripe_events`);
    await q.query(`DROP TABLE IF EXISTS ${S}.deposit_topup_payments`);
    await q.query(`DROP INDEX IF EXISTS ${S}.invoices_due_idx`);
    await q.query(`DROP INDEX IF EXISTS ${S}.invoices_charge_idx`);
    await q.query(`DROP INDEX IF EXISTS ${S}.invoices_period_idx`);
    await q.query(`
      ALTER TABLE ${S}.invoices DROP COLUMN currency, DROP COLUMN status, DROP COLUMN payment_intent_id, DROP COLUMN refunded_amount,
        DROP COLUMN failure_code, DROP COLUMN failure_message, DROP COLUMN attempts, DROP COLUMN next_attempt_at,
        DROP COLUMN period_applied, DROP COLUMN updated_at`);
  }
}
