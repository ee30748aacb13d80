import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuditActor, AuditRecorder, changedFields } from '#libs/audit';
import { AuditAction, type BillingPlan, type HttpReply, isRealDate, isoDate, isoSeconds, type PaidPeriodDto, type TrialDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { BillingErrorCode, billingError, participantNotFound } from '../common/billing-errors.js';
import { ParticipantsRepository } from '../participants/participants.repository.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { CustomersService } from '../stripe/customers.service.js';
import { ProviderUnavailableError } from '../stripe/payment-provider.port.js';
import { InvoiceCharges } from './invoice-charges.service.js';
import type { Invoice } from './invoice.entity.js';
import { InvoicesRepository } from './invoices.repository.js';
import { type PaidPeriodAnswer, paidPeriodAnswer } from './paid-period-answer.js';
import { periodPrice, requirePlan } from './plans.js';

/** How long a paid-period request has to make its payment before the retry loop may take it over. */
const CLAIM_MS = 60_000;

/** Paid periods (with an invoice), trials and the participant's payment customer. */
@Injectable()
export class PaymentsService {
  constructor(
    /** Only for the audit record of a customer deletion (no transaction: Stripe was told first). */
    private readonly dataSource: DataSource,
    private readonly participantRows: ParticipantsRepository,
    private readonly invoices: InvoicesRepository,
    private readonly participants: ParticipantsService,
    private readonly customers: CustomersService,
    private readonly charges: InvoiceCharges,
    private readonly audit: AuditRecorder,
  ) {}

  /**
   * Records the invoice of a paid period and charges the participant's card for it (the plan's
   * price, off-session). No card or a free plan: an operator's grant, set at once (amount 0, id
   * "null", as in the doc). The same period asked again while its payment is open or done answers
   * that invoice instead of charging twice.
   */
  async setPaidPeriod(participantId: string, dto: PaidPeriodDto, actor: AuditActor): Promise<PaidPeriodAnswer | HttpReply<PaidPeriodAnswer>> {
    for (const field of ['from_date', 'to_date'] as const) {
      if (!isRealDate(dto[field])) throw DomainError.invalid('Invalid request', [{ field, errors: ['is not a valid date'] }]);
    }
    if (dto.to_date < dto.from_date) {
      throw billingError(BillingErrorCode.InvalidPeriod, 'to_date must not be before from_date',
        [{ field: 'to_date', errors: ['must not be before from_date'] }]);
    }
    const plan = dto.plan === undefined ? undefined : requirePlan(dto.plan);
    const invoice = await this.openInvoice(participantId, dto, plan, actor);
    return paidPeriodAnswer(invoice.status === 'pending' ? await this.charge(invoice) : invoice);
  }

  /**
   * Under the participant's row lock: the open invoice of this very period, or a new one (a grant
   * sets the period at once). A new invoice is audited with it: the plan and period before, the
   * ones asked for and the invoice after (a charged period applies once Stripe confirms it).
   */
  private async openInvoice(participantId: string, dto: PaidPeriodDto, newPlan: BillingPlan | undefined, actor: AuditActor): Promise<Invoice> {
    return this.invoices.transaction(async (manager) => {
      const p = await this.participantRows.lock(manager, participantId, { activeOnly: true });
      if (!p) throw participantNotFound(participantId);
      const period = { participantId, plan: newPlan ?? p.billingPlan, paidFrom: dto.from_date, paidTo: dto.to_date };
      const open = await this.invoices.findOpenForPeriod(manager, period);
      if (open) return open;
      const price = periodPrice(period.plan, period.paidFrom, period.paidTo);
      const card = price && await this.customers.current({ type: 'participant', id: participantId });
      const n = await this.invoices.nextNumber(manager);
      const invoice = await this.invoices.insert(manager, price && card
        // Claimed by this request: the retry loop leaves it alone while the request makes the payment.
        ? { invoiceNumber: n, ...period, amount: price.amount, currency: price.currency, status: 'pending', periodApplied: false, nextAttemptAt: new Date(Date.now() + CLAIM_MS) }
        : { invoiceNumber: n, ...period, amount: 0, currency: null, status: 'none', periodApplied: true });
      if (invoice.status === 'none') {
        await this.participantRows.update(manager, participantId, { billingPlan: period.plan, paidFrom: period.paidFrom, paidTo: period.paidTo, billingUpdatedAt: new Date() });
      }
      await this.audit.record(manager, actor, AuditAction.PaidPeriodSet, {
        target: participantId,
        before: { plan: p.billingPlan, paid_from: isoDate(p.paidFrom), paid_to: isoDate(p.paidTo) },
        after: {
          plan: period.plan, paid_from: period.paidFrom, paid_to: period.paidTo,
          invoice_id: invoice.invoiceNumber, amount: invoice.amount, currency: invoice.currency, payment_status: invoice.status,
        },
      });
      return invoice;
    });
  }

  private async charge(invoice: Invoice): Promise<Invoice> {
    try {
      return await this.charges.charge(invoice.invoiceNumber);
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError)) throw error;
      throw billingError(BillingErrorCode.PaymentProviderUnavailable,
        'Payment provider unavailable: the invoice is recorded and its payment is retried automatically',
        { invoice_id: invoice.invoiceNumber, payment_status: 'pending' });
    }
  }

  async setTrial(participantId: string, dto: TrialDto, actor: AuditActor) {
    const to = parseTrialEnd(dto.to_date);
    const trialFrom = await this.participantRows.transaction(async (m) => {
      const p = await this.participantRows.lock(m, participantId, { activeOnly: true });
      if (!p) throw participantNotFound(participantId);
      const from = p.trialFrom ?? new Date();
      await this.participantRows.update(m, participantId, { trialFrom: from, trialTo: to, billingUpdatedAt: new Date() });
      const trial = (f: Date | null, t: Date | null) => ({ trial_from: isoSeconds(f), trial_to: isoSeconds(t) });
      await this.audit.record(m, actor, AuditAction.TrialSet, { target: participantId, ...changedFields(trial(p.trialFrom, p.trialTo), trial(from, to)) });
      return from;
    });
    return { status: 'ok', trial: { status: to.getTime() > Date.now(), ts: isoSeconds(trialFrom) }, trial_to: isoSeconds(to) };
  }

  /** Stripe is told first, so this is audited once it is done (not in one transaction with it); no customer, no record. */
  async deleteCustomer(participantId: string, actor: AuditActor) {
    await this.participants.findActive(participantId);
    const deleted = await this.customers.delete({ type: 'participant', id: participantId });
    if (deleted) {
      await this.audit.record(this.dataSource, actor, AuditAction.PaymentCustomerDelete,
        { target: participantId, before: { payment_customer: true }, after: { payment_customer: false } });
    }
    return { status: 'ok', deleted };
  }
}

function parseTrialEnd(value: string): Date {
  const zoned = value.length === 10 ? `${value}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
  const date = new Date(zoned.replace(' ', 'T'));
  if (!isRealDate(value) || Number.isNaN(date.getTime())) {
    throw DomainError.invalid('Invalid request', [{ field: 'to_date', errors: ['is not a valid date'] }]);
  }
  return date;
}
