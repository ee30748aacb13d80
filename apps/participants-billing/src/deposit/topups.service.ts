import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TopupPaymentView } from '#libs/contracts';
import { requestContext } from '#libs/transport';
import { BillingEnv } from '../config/billing-env.js';
import { CustomersService } from '../stripe/customers.service.js';
import { isSettled, nextStatus } from '../stripe/intent-state.js';
import { type IntentOutcome, PaymentProvider, ProviderUnavailableError, type RefundedCharge } from '../stripe/payment-provider.port.js';
import { retryDelayMs } from '../stripe/retry-delay.js';
import { LedgerService } from './ledger.service.js';
import type { TopupPayment } from './topup-payment.entity.js';
import { TopupPaymentsRepository } from './topup-payments.repository.js';
import { isoSeconds } from '#libs/contracts';

/** A claimed row is left to its claimer this long before another replica's loop may take it. */
const LEASE_SECONDS = 60;
/** Below Stripe's 24 hours of idempotency key memory. */
const GIVE_UP_AFTER_HOURS = 23;

/**
 * Automatic top-ups: a charge opens one (LedgerService), this makes its PaymentIntent (same
 * idempotency key on every attempt), and the coins are credited only when Stripe confirms the
 * payment (its webhook, or a look-up when the webhook is late). A failed top-up changes nothing.
 */
@Injectable()
export class TopupsService {
  private readonly logger = new Logger('Topups');

  constructor(
    private readonly topups: TopupPaymentsRepository,
    private readonly provider: PaymentProvider,
    private readonly customers: CustomersService,
    private readonly ledger: LedgerService,
    private readonly env: BillingEnv,
  ) {}

  /** Makes the payment of a just-opened top-up in the background (outside the charge's request and deadline). */
  startInBackground(id: string): void {
    setImmediate(() => requestContext.run({}, () => this.pay(id).catch((error) =>
      this.logger.error({ msg: 'top-up payment failed unexpectedly; the retry loop takes it over', topupId: id, error: String(error) }))));
  }

  /** Creates the top-up's PaymentIntent and records the answer; nothing is credited here. */
  async pay(id: string): Promise<void> {
    const topup = await this.topups.findById(id);
    if (!topup || topup.status !== 'pending') return;
    const customer = await this.customers.current({ type: 'participant', id: topup.participantId });
    if (!customer) {
      await this.topups.transaction((m) => this.apply(m, topup.id, noCard(topup), { confirmed: false }));
      return;
    }
    try {
      const outcome = await this.provider.chargeOffSession({
        customerId: customer.stripeCustomerId, paymentMethodId: customer.stripePaymentMethodId,
        amount: topup.amount, currency: topup.currency, idempotencyKey: `topup-${topup.id}`,
        description: `Deposit top-up ${topup.id}`, metadata: { topup_id: topup.id, participant_id: topup.participantId },
      });
      await this.topups.transaction((m) => this.apply(m, topup.id, outcome, { confirmed: false }));
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError)) throw error;
      await this.recordUnavailable(topup, error);
    }
  }

  /**
   * Applies news about a top-up's PaymentIntent; false when it is no top-up's. Only news Stripe
   * confirmed (webhook, look-up) credits the coins: the answer to the create call never does.
   */
  async applyIntent(manager: EntityManager, intent: IntentOutcome, { confirmed }: { confirmed: boolean }): Promise<boolean> {
    const id = intent.metadata.topup_id;
    const found = await this.topups.lockByIntent(manager, id, intent.id);
    if (!found || (found.paymentIntentId && intent.id && found.paymentIntentId !== intent.id)) return false;
    await this.apply(manager, found.id, intent, { confirmed }, found);
    return true;
  }

  /** A refund of a top-up's charge takes the refunded share of its coins back (as far as the balance goes). */
  async applyRefund(manager: EntityManager, charge: RefundedCharge): Promise<boolean> {
    const found = await this.topups.lockByCharge(manager, charge.id, charge.paymentIntentId);
    if (!found) return false;
    if (found.status !== 'succeeded' && found.status !== 'partially_refunded') return true;
    const refunded = Math.min(charge.amountRefunded, found.amount);
    const due = (BigInt(found.coins) * BigInt(refunded)) / BigInt(found.amount) - BigInt(found.refundedCoins);
    const taken = due > 0n
      ? -(await this.ledger.moveWithin(manager, found.participantId, -due, `topup-refund-${found.id}-${refunded}`, `stripe:${charge.id}`))
      : 0n;
    if (taken < due) this.logger.warn({ msg: 'refunded top-up exceeds the balance; the rest is taken back on the next refund event', topupId: found.id });
    await this.topups.update(manager, found.id, {
      refundedAmount: refunded, refundedCoins: (BigInt(found.refundedCoins) + taken).toString(),
      status: refunded >= found.amount ? 'refunded' : 'partially_refunded', updatedAt: new Date(),
    });
    return true;
  }

  /** The latest top-up of a deposit, for GET deposit. */
  async latest(participantId: string): Promise<TopupPaymentView | null> {
    const last = await this.topups.latestOf(participantId);
    return last && {
      amount: last.amount, currency: last.currency, coins: last.coins, status: last.status,
      failure_code: last.failureCode, failure_message: last.failureMessage,
      ts: isoSeconds(last.createdAt)!, updated_at: isoSeconds(last.updatedAt)!,
    };
  }

  /** Retry loop: top-ups not at Stripe yet are paid again; ones Stripe has been processing long are looked up. */
  async retryDue(limit = 20): Promise<number> {
    await this.giveUpStale();
    const due = await this.topups.claimDue(limit, LEASE_SECONDS);
    for (const row of due) {
      if (row.status === 'pending') await this.pay(row.id);
      else if (row.payment_intent_id) await this.lookUp(row.payment_intent_id);
    }
    return due.length;
  }

  private async lookUp(paymentIntentId: string): Promise<void> {
    try {
      const intent = await this.provider.retrieveIntent(paymentIntentId);
      await this.topups.transaction((m) => this.applyIntent(m, intent, { confirmed: true }));
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError)) throw error;
    }
  }

  private async apply(manager: EntityManager, id: string, intent: IntentOutcome, { confirmed }: { confirmed: boolean }, locked?: TopupPayment): Promise<void> {
    const topup = locked ?? await this.topups.lockById(manager, id);
    if (isSettled(topup.status)) return;
    // Stripe may say "succeeded" in the create answer: the coins still wait for its confirmation.
    const news = intent.state === 'succeeded' && !confirmed ? 'processing' : intent.state;
    const status = nextStatus(topup.status, news);
    if (status === 'succeeded') {
      await this.ledger.moveWithin(manager, topup.participantId, BigInt(topup.coins), `topup-${topup.id}`, `stripe:${intent.id}`);
    }
    const failed = status === 'failed' || status === 'requires_action';
    await this.topups.update(manager, topup.id, {
      status, paymentIntentId: intent.id ?? topup.paymentIntentId, chargeId: intent.chargeId ?? topup.chargeId,
      failureCode: failed ? intent.failureCode : null, failureMessage: failed ? intent.failureMessage : null,
      nextAttemptAt: this.nextAttemptFor(status), updatedAt: new Date(),
    });
    if (status !== topup.status) this.logger.log({ msg: 'top-up payment', topupId: topup.id, participantId: topup.participantId, status, failureCode: failed ? intent.failureCode : undefined });
  }

  /**
   * Stripe keeps an idempotency key for 24 hours: a payment still not at Stripe after
   * GIVE_UP_AFTER_HOURS is not tried again under its key (a retry might charge twice) but
   * recorded as failed and logged for an operator to check at Stripe (metadata topup_id).
   */
  private async giveUpStale(): Promise<void> {
    const given = await this.topups.failStale(GIVE_UP_AFTER_HOURS, `The payment provider could not be reached for ${GIVE_UP_AFTER_HOURS} hours`);
    for (const row of given) this.logger.error({ msg: 'top-up payment given up: check it at Stripe', topupId: row.id });
  }

  /** Processing: looked up at Stripe if no webhook came by then; pending: made again. */
  private nextAttemptFor(status: string): Date | null {
    if (status === 'processing') return new Date(Date.now() + this.env.PAYMENTS_CONFIRM_AFTER_MS);
    return status === 'pending' ? new Date(Date.now() + this.env.PAYMENTS_RETRY_INTERVAL_MS) : null;
  }

  /** Nothing reached Stripe: the top-up stays pending, retried later with the same idempotency key. */
  private async recordUnavailable(topup: TopupPayment, error: ProviderUnavailableError): Promise<void> {
    const delayMs = retryDelayMs(error, topup.attempts, this.env.PAYMENTS_RETRY_INTERVAL_MS);
    await this.topups.recordUnavailable(topup.id, `provider_${error.reason}`, delayMs / 1000);
  }
}

function noCard(topup: TopupPayment): IntentOutcome {
  return {
    id: null, state: 'failed', chargeId: null, amount: topup.amount, currency: topup.currency, metadata: {},
    failureCode: 'no_payment_method', failureMessage: 'The participant has no card on file',
  };
}
