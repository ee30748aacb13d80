import { type HttpReply, httpReply } from '#libs/contracts';
import { BillingErrorCode, billingError } from '../common/billing-errors.js';
import type { Invoice } from './invoice.entity.js';

/** The doc's answer: `id` is the Stripe charge id ("null" when nothing was charged). */
export interface PaidPeriodAnswer { amount: number; id: string; invoice_id: string; paid_from: string; paid_to: string; plan: string }

/**
 * 200 for a paid (or free) period, 202 while Stripe is still processing the payment (the
 * period is set when it succeeds), 409 for a declined card or one needing its holder's
 * authentication (the invoice stays recorded with that state; the period is not set).
 */
export function paidPeriodAnswer(invoice: Invoice): PaidPeriodAnswer | HttpReply<PaidPeriodAnswer> {
  const answer: PaidPeriodAnswer = {
    amount: invoice.amount, id: invoice.stripeChargeId ?? 'null', invoice_id: String(invoice.invoiceNumber),
    paid_from: invoice.paidFrom, paid_to: invoice.paidTo, plan: invoice.plan,
  };
  const details = { invoice_id: answer.invoice_id, payment_status: invoice.status, failure_code: invoice.failureCode };
  switch (invoice.status) {
    case 'none':
    case 'succeeded':
    case 'refunded':
    case 'partially_refunded':
      return answer;
    case 'pending':
    case 'processing':
      return httpReply(202, answer);
    case 'requires_action':
      throw billingError(BillingErrorCode.PaymentRequiresAction,
        'The card holder must authenticate this payment: the period is set once the payment succeeds', details);
    case 'failed':
      throw billingError(BillingErrorCode.PaymentDeclined, invoice.failureMessage ?? 'The payment was declined', details);
  }
}
