import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '#libs/errors';
import { BillingErrorCode, billingError, participantNotFound } from '../common/billing-errors.js';
import { isRealDate, isoSeconds } from '../common/http.js';
import { Participant } from '../participants/participant.entity.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { CustomersService } from '../stripe/customers.service.js';
import type { PaidPeriodDto, TrialDto } from './dto/payment.dto.js';
import { Invoice } from './invoice.entity.js';
import { requirePlan } from './plans.js';

/** Paid periods (with an invoice), trials and the participant's payment customer. */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantsService,
    private readonly customers: CustomersService,
  ) {}

  async setPaidPeriod(participantId: string, dto: PaidPeriodDto) {
    for (const field of ['from_date', 'to_date'] as const) {
      if (!isRealDate(dto[field])) throw DomainError.invalid('Invalid request', [{ field, errors: ['is not a valid date'] }]);
    }
    if (dto.to_date < dto.from_date) {
      throw billingError(BillingErrorCode.InvalidPeriod, 'to_date must not be before from_date',
        [{ field: 'to_date', errors: ['must not be before from_date'] }]);
    }
    const newPlan = dto.plan === undefined ? undefined : requirePlan(dto.plan);
    return this.dataSource.transaction(async (manager) => {
      const p = await manager.getRepository(Participant).createQueryBuilder('p')
        .where('p.id = :id AND p.status = :active', { id: participantId, active: 'active' })
        .setLock('pessimistic_write').getOne();
      if (!p) throw participantNotFound(participantId);
      const plan = newPlan ?? p.billingPlan;
      const [{ n }] = await manager.query(`SELECT nextval('participants_billing.invoice_number_seq')::text AS n`);
      await manager.insert(Invoice, {
        invoiceNumber: n, participantId, plan, paidFrom: dto.from_date, paidTo: dto.to_date, amount: 0, stripeChargeId: null,
      });
      await manager.update(Participant, { id: participantId }, {
        billingPlan: plan, paidFrom: dto.from_date, paidTo: dto.to_date, billingUpdatedAt: new Date(),
      });
      // `id` is the payment (Stripe charge) id: a period set by an operator has none, as in the doc.
      return { amount: 0, id: 'null', invoice_id: String(n), paid_from: dto.from_date, paid_to: dto.to_date, plan };
    });
  }

  async setTrial(participantId: string, dto: TrialDto) {
    const to = parseTrialEnd(dto.to_date);
    const p = await this.participants.findActive(participantId);
    const trialFrom = p.trialFrom ?? new Date();
    await this.dataSource.getRepository(Participant).update({ id: participantId, status: 'active' },
      { trialFrom, trialTo: to, billingUpdatedAt: new Date() });
    return { status: 'ok', trial: { status: to.getTime() > Date.now(), ts: isoSeconds(trialFrom) }, trial_to: isoSeconds(to) };
  }

  async deleteCustomer(participantId: string) {
    await this.participants.findActive(participantId);
    const deleted = await this.customers.delete({ type: 'participant', id: participantId });
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
