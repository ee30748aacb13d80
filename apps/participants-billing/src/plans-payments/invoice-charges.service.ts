import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BillingEnv } from '../config/billing-env.js';
import { ParticipantsRepository } from '../participants/participants.repository.js';
import { CustomersService } from '../stripe/customers.service.js';
import { isSettled, nextStatus } from '../stripe/intent-state.js';
import { type IntentOutcome, PaymentProvider, ProviderUnavailableError, type RefundedCharge } from '../stripe/payment-provider.port.js';
import { retryDelayMs } from '../stripe/retry-delay.js';
import type { Invoice, InvoiceStatus } from './invoice.entity.js';
import { InvoicesRepository } from './invoices.repository.js';
import type { BillingPlan } from '#libs/contracts';

const LEASE_SECONDS = 60;
/** Below Stripe's 24 hours of idempotency key memory. */
const GIVE_UP_AFTER_HOURS = 23;

/**
 * The PaymentIntent of an invoice: made off-session with the idempotency key `invoice-<number>`
 * (so every retry is the same payment), and the invoice follows it. The participant's paid period
 * is set once, when the payment succeeds.
 */
@Injectable()
export class InvoiceCharges {
  private readonly logger = new Logger('Invoices');

  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly participants: ParticipantsRepository,
    private readonly provider: PaymentProvider,
    private readonly customers: CustomersService,
    private readonly env: BillingEnv,
  ) {}

  /** Makes the invoice's PaymentIntent (again) and answers the invoice; rejects with ProviderUnavailableError, invoice recorded. */
  async charge(invoiceNumber: string): Promise<Invoice> {
    const invoice = await this.invoices.getByNumber(invoiceNumber);
    if (invoice.status !== 'pending') return invoice;
    const customer = await this.customers.current({ type: 'participant', id: invoice.participantId });
    const outcome = customer
      ? await this.provider.chargeOffSession({
        customerId: customer.stripeCustomerId, paymentMethodId: customer.stripePaymentMethodId,
        amount: invoice.amount, currency: invoice.currency ?? 'aud', idempotencyKey: `invoice-${invoice.invoiceNumber}`,
        description: `Invoice ${invoice.invoiceNumber}: plan ${invoice.plan} ${invoice.paidFrom}..${invoice.paidTo}`,
        metadata: { invoice_number: invoice.invoiceNumber, participant_id: invoice.participantId },
      }).catch(async (error: unknown) => {
        if (error instanceof ProviderUnavailableError) await this.recordUnavailable(invoice, error);
        throw error;
      })
      : noCard(invoice);
    return this.invoices.transaction(async (m) => (await this.applyIntent(m, outcome, invoice.invoiceNumber))!);
  }

  /** Applies news about an invoice's PaymentIntent (answer, webhook, look-up); null when it is no invoice's. */
  async applyIntent(manager: EntityManager, intent: IntentOutcome, invoiceNumber = intent.metadata.invoice_number): Promise<Invoice | null> {
    const byNumber = invoiceNumber !== undefined && /^\d{1,18}$/.test(invoiceNumber);
    if (!byNumber && !intent.id) return null;
    const invoice = await this.invoices.lockByNumberOrIntent(manager, invoiceNumber, intent.id, byNumber);
    if (!invoice || (invoice.paymentIntentId && intent.id && invoice.paymentIntentId !== intent.id)) return null;
    if (isSettled(invoice.status)) return invoice;
    const status = nextStatus(invoice.status, intent.state) as InvoiceStatus;
    const failed = status === 'failed' || status === 'requires_action';
    const patch: Partial<Invoice> = {
      status, paymentIntentId: intent.id ?? invoice.paymentIntentId, stripeChargeId: intent.chargeId ?? invoice.stripeChargeId,
      failureCode: failed ? intent.failureCode : null, failureMessage: failed ? intent.failureMessage : null,
      nextAttemptAt: this.nextAttemptFor(status), updatedAt: new Date(),
    };
    if (status === 'succeeded' && !invoice.periodApplied) {
      await this.applyPeriod(manager, invoice);
      patch.periodApplied = true;
    }
    await this.invoices.update(manager, invoice.invoiceNumber, patch);
    if (status !== invoice.status) {
      this.logger.log({ msg: 'invoice payment', invoice: invoice.invoiceNumber, participantId: invoice.participantId, status, failureCode: patch.failureCode ?? undefined });
    }
    return { ...invoice, ...patch };
  }

  /** A refund of an invoice's charge: the invoice shows it (the paid period stays as it is). */
  async applyRefund(manager: EntityManager, charge: RefundedCharge): Promise<boolean> {
    const invoice = await this.invoices.lockByCharge(manager, charge.id, charge.paymentIntentId);
    if (!invoice) return false;
    const refunded = Math.min(charge.amountRefunded, invoice.amount);
    if (refunded > invoice.refundedAmount) {
      await this.invoices.update(manager, invoice.invoiceNumber, {
        refundedAmount: refunded, status: refunded >= invoice.amount ? 'refunded' : 'partially_refunded', updatedAt: new Date(),
      });
    }
    return true;
  }

  /** Retry loop: invoices not at Stripe yet are charged again (same key); ones processing long are looked up. */
  async retryDue(limit = 20): Promise<number> {
    await this.giveUpStale();
    const due = await this.invoices.claimDue(limit, LEASE_SECONDS);
    for (const row of due) {
      try {
        if (row.status === 'pending') await this.charge(row.n);
        else if (row.payment_intent_id) {
          const intent = await this.provider.retrieveIntent(row.payment_intent_id);
          await this.invoices.transaction((m) => this.applyIntent(m, intent, row.n));
        }
      } catch (error) {
        if (!(error instanceof ProviderUnavailableError)) throw error;
      }
    }
    return due.length;
  }

  /**
   * Stripe keeps an idempotency key for 24 hours: a payment still not at Stripe after
   * GIVE_UP_AFTER_HOURS is not tried again under its key (a retry might charge twice) but
   * recorded as failed and logged for an operator to check at Stripe (metadata invoice_number).
   */
  private async giveUpStale(): Promise<void> {
    const given = await this.invoices.failStale(GIVE_UP_AFTER_HOURS, `The payment provider could not be reached for ${GIVE_UP_AFTER_HOURS} hours`);
    for (const row of given) this.logger.error({ msg: 'invoice payment given up: check it at Stripe', invoice: row.id });
  }

  private async applyPeriod(manager: EntityManager, invoice: Invoice): Promise<void> {
    await this.participants.update(manager, invoice.participantId, {
      billingPlan: invoice.plan as BillingPlan, paidFrom: invoice.paidFrom, paidTo: invoice.paidTo, billingUpdatedAt: new Date(),
    });
  }

  /** Processing: looked up at Stripe if no webhook came by then; pending: made again. */
  private nextAttemptFor(status: InvoiceStatus): Date | null {
    if (status === 'processing') return new Date(Date.now() + this.env.PAYMENTS_CONFIRM_AFTER_MS);
    return status === 'pending' ? new Date(Date.now() + this.env.PAYMENTS_RETRY_INTERVAL_MS) : null;
  }

  /** Nothing reached Stripe: the invoice stays pending and is charged again later with the same key. */
  private async recordUnavailable(invoice: Invoice, error: ProviderUnavailableError): Promise<void> {
    const delayMs = retryDelayMs(error, invoice.attempts, this.env.PAYMENTS_RETRY_INTERVAL_MS);
    await this.invoices.recordUnavailable(invoice.invoiceNumber, `provider_${error.reason}`, delayMs / 1000);
  }
}

function noCard(invoice: Invoice): IntentOutcome {
  return {
    id: null, state: 'failed', chargeId: null, amount: invoice.amount, currency: invoice.currency ?? '', metadata: {},
    failureCode: 'no_payment_method', failureMessage: 'The participant has no card on file',
  };
}
