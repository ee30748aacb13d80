import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { updatedRows } from '../common/sql.js';
import { TopupPayment } from './topup-payment.entity.js';

const S = 'participants_billing';
const OPEN_TOPUP = `
  INSERT INTO ${S}.deposit_topup_payments (participant_id, status, amount, currency, coins, next_attempt_at)
  SELECT $1, 'pending', $2, $3, $4, now() + make_interval(secs => $5)
  WHERE NOT EXISTS (
    SELECT 1 FROM ${S}.deposit_topup_payments p
    WHERE p.participant_id = $1
      AND (p.status IN ('pending', 'processing') OR (p.created_at > $6 AND p.created_at > now() - $7::interval)))
  ON CONFLICT DO NOTHING
  RETURNING id`;

export interface NewTopup {
  participantId: string; amount: number; currency: string; coins: bigint; leaseSeconds: number;
  /** None is opened while one is open, nor twice in one window since the setting was saved. */
  settingSavedAt: Date | null; window: string;
}

export interface DueTopup { id: string; status: string; payment_intent_id: string | null }

/** Automatic top-up payments of deposits (one PaymentIntent each). */
@Injectable()
export class TopupPaymentsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Opens a `pending` top-up unless one is open or was made in its window; its id, or null. */
  async openIfDue(m: EntityManager, t: NewTopup): Promise<string | null> {
    const rows: { id: string }[] = await m.query(OPEN_TOPUP, [
      t.participantId, t.amount, t.currency, t.coins.toString(), t.leaseSeconds, t.settingSavedAt, t.window,
    ]);
    return rows[0]?.id ?? null;
  }

  findById(id: string): Promise<TopupPayment | null> {
    return this.dataSource.getRepository(TopupPayment).findOneBy({ id });
  }

  lockById(m: EntityManager, id: string): Promise<TopupPayment> {
    return m.getRepository(TopupPayment).createQueryBuilder('t').where('t.id = :id', { id }).setLock('pessimistic_write').getOneOrFail();
  }

  /** By the id in the intent's metadata when it has one, else by the intent's id; FOR UPDATE. */
  lockByIntent(m: EntityManager, id: string | undefined, paymentIntentId: string | null): Promise<TopupPayment | null> {
    return m.getRepository(TopupPayment).createQueryBuilder('t')
      .where(id && /^\d{1,18}$/.test(id) ? 't.id = :id' : 't.payment_intent_id = :pi', { id, pi: paymentIntentId })
      .setLock('pessimistic_write').getOne();
  }

  lockByCharge(m: EntityManager, chargeId: string, paymentIntentId: string | null | undefined): Promise<TopupPayment | null> {
    return m.getRepository(TopupPayment).createQueryBuilder('t')
      .where(paymentIntentId ? '(t.charge_id = :charge OR t.payment_intent_id = :pi)' : 't.charge_id = :charge',
        { charge: chargeId, pi: paymentIntentId })
      .setLock('pessimistic_write').getOne();
  }

  async update(m: EntityManager, id: string, patch: Partial<TopupPayment>): Promise<void> {
    await m.update(TopupPayment, { id }, patch);
  }

  latestOf(participantId: string): Promise<TopupPayment | null> {
    return this.dataSource.getRepository(TopupPayment).findOne({ where: { participantId }, order: { id: 'DESC' } });
  }

  /** Claims up to `limit` due top-ups for `leaseSeconds` (rows another replica holds are skipped). */
  async claimDue(limit: number, leaseSeconds: number): Promise<DueTopup[]> {
    return this.dataSource.query(`
      UPDATE ${S}.deposit_topup_payments SET next_attempt_at = now() + make_interval(secs => $2)
      WHERE id IN (SELECT id FROM ${S}.deposit_topup_payments WHERE status IN ('pending', 'processing') AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id::text, status, payment_intent_id`, [limit, leaseSeconds]).then(updatedRows<DueTopup>);
  }

  /** Pending top-ups older than `hours` become failed; their ids. */
  async failStale(hours: number, message: string): Promise<{ id: string }[]> {
    return updatedRows<{ id: string }>(await this.dataSource.query(`
      UPDATE ${S}.deposit_topup_payments SET status = 'failed', failure_code = 'provider_unreachable', next_attempt_at = NULL, updated_at = now(),
        failure_message = $2
      WHERE status = 'pending' AND created_at < now() - make_interval(hours => $1) RETURNING id::text AS id`, [hours, message]));
  }

  /** One more attempt that did not reach Stripe: tried again after `delaySeconds`. */
  async recordUnavailable(id: string, failureCode: string, delaySeconds: number): Promise<void> {
    await this.dataSource.query(`
      UPDATE ${S}.deposit_topup_payments SET attempts = attempts + 1, failure_code = $2, updated_at = now(),
        next_attempt_at = now() + make_interval(secs => $3)
      WHERE id = $1 AND status = 'pending'`, [id, failureCode, delaySeconds]);
  }
}
