import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, EntityManager, In } from 'typeorm';
import { updatedRows } from '../common/sql.js';
import { Invoice } from './invoice.entity.js';

const S = 'participants_billing';

export interface DueInvoice { n: string; status: string; payment_intent_id: string | null }

/** Invoices of paid periods, each following its PaymentIntent. */
@Injectable()
export class InvoicesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  getByNumber(invoiceNumber: string): Promise<Invoice> {
    return this.dataSource.getRepository(Invoice).findOneByOrFail({ invoiceNumber });
  }

  /** The newest invoice of this very period whose payment is open or done. */
  findOpenForPeriod(m: EntityManager, period: Pick<Invoice, 'participantId' | 'plan' | 'paidFrom' | 'paidTo'>): Promise<Invoice | null> {
    return m.findOne(Invoice, { where: { ...period, status: In(['pending', 'processing', 'succeeded']) }, order: { invoiceNumber: 'DESC' } });
  }

  async nextNumber(m: EntityManager): Promise<string> {
    const [{ n }] = await m.query(`SELECT nextval('participants_billing.invoice_number_seq')::text AS n`);
    return n;
  }

  async insert(m: EntityManager, fields: DeepPartial<Invoice>): Promise<Invoice> {
    const invoice = m.create(Invoice, fields);
    await m.insert(Invoice, invoice);
    return invoice;
  }

  /** By number, else by PaymentIntent id; FOR UPDATE. */
  lockByNumberOrIntent(m: EntityManager, invoiceNumber: string | undefined, paymentIntentId: string | null, byNumber: boolean): Promise<Invoice | null> {
    return m.getRepository(Invoice).createQueryBuilder('i')
      .where(byNumber ? 'i.invoice_number = :n' : 'i.payment_intent_id = :pi', { n: invoiceNumber, pi: paymentIntentId })
      .setLock('pessimistic_write').getOne();
  }

  lockByCharge(m: EntityManager, chargeId: string, paymentIntentId: string | null | undefined): Promise<Invoice | null> {
    return m.getRepository(Invoice).createQueryBuilder('i')
      .where(paymentIntentId ? '(i.stripe_charge_id = :charge OR i.payment_intent_id = :pi)' : 'i.stripe_charge_id = :charge',
        { charge: chargeId, pi: paymentIntentId })
      .setLock('pessimistic_write').getOne();
  }

  async update(m: EntityManager, invoiceNumber: string, patch: Partial<Invoice>): Promise<void> {
    await m.update(Invoice, { invoiceNumber }, patch);
  }

  /** Claims up to `limit` due invoices for `leaseSeconds` (rows another replica holds are skipped). */
  async claimDue(limit: number, leaseSeconds: number): Promise<DueInvoice[]> {
    return this.dataSource.query(`
      UPDATE ${S}.invoices SET next_attempt_at = now() + make_interval(secs => $2)
      WHERE invoice_number IN (SELECT invoice_number FROM ${S}.invoices WHERE status IN ('pending', 'processing') AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING invoice_number::text AS n, status, payment_intent_id`, [limit, leaseSeconds]).then(updatedRows<DueInvoice>);
  }

  /** Pending invoices older than `hours` become failed; their numbers. */
  async failStale(hours: number, message: string): Promise<{ id: string }[]> {
    return updatedRows<{ id: string }>(await this.dataSource.query(`
      UPDATE ${S}.invoices SET status = 'failed', failure_code = 'provider_unreachable', next_attempt_at = NULL, updated_at = now(),
        failure_message = $2
      WHERE status = 'pending' AND created_at < now() - make_interval(hours => $1) RETURNING invoice_number::text AS id`, [hours, message]));
  }

  /** One more attempt that did not reach Stripe: charged again after `delaySeconds`. */
  async recordUnavailable(invoiceNumber: string, failureCode: string, delaySeconds: number): Promise<void> {
    await this.dataSource.query(`
      UPDATE ${S}.invoices SET attempts = attempts + 1, failure_code = $2, updated_at = now(), next_attempt_at = now() + make_interval(secs => $3)
      WHERE invoice_number = $1 AND status = 'pending'`, [invoiceNumber, failureCode, delaySeconds]);
  }
}
