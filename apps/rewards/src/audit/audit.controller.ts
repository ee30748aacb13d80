import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RewardsPattern } from '#libs/contracts';
import { AUDIT_GATHERER, auditListRequest, AuditRecorder } from '#libs/audit';
import { Internal } from '#libs/transport';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditRecorder) {}

  /** Identity gathers the trail for `POST /identity-service/audit/get`, forwarding its sys-admin's session. */
  @MessagePattern(RewardsPattern.AuditList)
  @Internal({ from: [AUDIT_GATHERER], session: 'sys-admin' })
  async list(@Payload() data: unknown) {
    return this.audit.list(await auditListRequest(data));
  }
}
