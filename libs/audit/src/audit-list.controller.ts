import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AuditListDto } from '#libs/contracts';
import { Internal, Message } from '#libs/transport';
import { auditListRequest } from './audit-query.js';
import { AUDIT_GATHERER } from './audit-reader.js';
import { AuditRecorder } from './audit-recorder.js';

/**
 * The handler of a service's `<Service>Pattern.AuditList`: identity gathers the trail for
 * `POST /identity-service/audit/get`, forwarding its sys-admin's session.
 */
export function auditListController(pattern: string): Type<unknown> {
  @Controller()
  class AuditListController {
    constructor(@Inject(AuditRecorder) private readonly audit: AuditRecorder) {}

    @MessagePattern(pattern)
    @Internal({ from: [AUDIT_GATHERER], session: 'sys-admin' })
    list(@Message(AuditListDto) data: AuditListDto) {
      return this.audit.list(auditListRequest(data));
    }
  }
  return AuditListController;
}
