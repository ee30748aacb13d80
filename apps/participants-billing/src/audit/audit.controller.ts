import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { BillingPattern } from '#libs/contracts';
import { AuditRecorder } from '#libs/audit';
import { StreamContext, Internal } from '#libs/transport';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditRecorder) {}

  /** Internal: identity gathers the trail for `POST /identity-service/audit/get`. */
  @MessagePattern(BillingPattern.AuditList)
  @Internal()
  list(@Payload() data: unknown, @Ctx() ctx: StreamContext) {
    return this.audit.answerList(data, ctx.getHeaders());
  }
}
