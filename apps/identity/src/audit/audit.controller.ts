import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IdentityPattern, type HttpRequestPayload, type SessionInfo } from '#libs/contracts';
import { auditQuery, requireAuditReader } from '#libs/audit';
import { CallerSession } from '#libs/transport';
import { AuditGatherer } from './audit-gatherer.service.js';

@Controller()
export class AuditController {
  constructor(private readonly gatherer: AuditGatherer) {}

  /** POST /identity-service/audit/get (sys-admin). */
  @MessagePattern(IdentityPattern.AuditGet)
  async get(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    const reader = requireAuditReader(session);
    return this.gatherer.page(reader, await auditQuery(req?.body));
  }
}
