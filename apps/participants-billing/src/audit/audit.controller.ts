import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BillingPattern } from '#libs/contracts';
import { AuditRecorder, auditListRequest } from '#libs/audit';
import { Internal } from '#libs/transport';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditRecorder) {}

  /** Identity gathers the trail for `POST /identity-service/audit/get`, forwarding the sys-admin's session. */
  @MessagePattern(BillingPattern.AuditList)
  @Internal({ from: ['identity'], session: 'sys-admin' })
  async list(@Payload() data: unknown) {
    return this.audit.list(await auditListRequest(data));
  }
}
