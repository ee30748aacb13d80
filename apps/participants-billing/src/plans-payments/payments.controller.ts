import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BillingPattern, type HttpRequestPayload } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { Actor, type AuditActor } from '#libs/audit';
import { bodyOf, paramOf } from '../common/http.js';
import { PaidPeriodDto, TrialDto } from './dto/payment.dto.js';
import { PaymentsService } from './payments.service.js';

@Controller()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** PUT /participants/participant/:id/payment */
  @MessagePattern(BillingPattern.PaymentPaidPeriod)
  async paidPeriod(@Payload() payload: HttpRequestPayload, @Actor() actor: AuditActor) {
    const id = paramOf(payload, 'id');
    return this.payments.setPaidPeriod(id, await validatePayload(PaidPeriodDto, bodyOf(payload)), actor);
  }

  /** PUT /participants/participant/:id/payment/trial */
  @MessagePattern(BillingPattern.PaymentTrial)
  async trial(@Payload() payload: HttpRequestPayload, @Actor() actor: AuditActor) {
    const id = paramOf(payload, 'id');
    return this.payments.setTrial(id, await validatePayload(TrialDto, bodyOf(payload)), actor);
  }

  /** DELETE /participants/participant/:id/payment/customer */
  @MessagePattern(BillingPattern.PaymentDeleteCustomer)
  async deleteCustomer(@Payload() payload: HttpRequestPayload, @Actor() actor: AuditActor) {
    return this.payments.deleteCustomer(paramOf(payload, 'id'), actor);
  }
}
