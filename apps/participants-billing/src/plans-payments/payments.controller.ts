import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { BillingPattern, ParticipantIdParams, PaidPeriodDto, TrialDto } from '#libs/contracts';
import { Body, Params } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { PaymentsService } from './payments.service.js';

@Controller()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** PUT /participants/participant/:id/payment */
  @MessagePattern(BillingPattern.PaymentPaidPeriod)
  async paidPeriod(@Params(ParticipantIdParams) { id }: ParticipantIdParams, @Body(PaidPeriodDto) body: PaidPeriodDto, @Actor() actor: AuditActor) {
    return this.payments.setPaidPeriod(id, body, actor);
  }

  /** PUT /participants/participant/:id/payment/trial */
  @MessagePattern(BillingPattern.PaymentTrial)
  async trial(@Params(ParticipantIdParams) { id }: ParticipantIdParams, @Body(TrialDto) body: TrialDto, @Actor() actor: AuditActor) {
    return this.payments.setTrial(id, body, actor);
  }

  /** DELETE /participants/participant/:id/payment/customer */
  @MessagePattern(BillingPattern.PaymentDeleteCustomer)
  async deleteCustomer(@Params(ParticipantIdParams) { id }: ParticipantIdParams, @Actor() actor: AuditActor) {
    return this.payments.deleteCustomer(id, actor);
  }
}
