import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IdentityPattern, type HttpRequestPayload, type SessionInfo } from '#libs/contracts';
import { auditQuery } from '#libs/audit';
import { Caller } from '#libs/transport';
import { AuditGatherer } from './audit-gatherer.service.js';

@Controller()
export class AuditController {
  constructor(private readonly gatherer: AuditGatherer) {}

  /** POST /identity-service/audit/get (sys-admin, the edge checks it); auditQuery also decodes the cursor. */
  @MessagePattern(IdentityPattern.AuditGet)
  async get(@Payload() req: HttpRequestPayload, @Caller() reader: SessionInfo) {
    return this.gatherer.page(reader, await auditQuery(req?.body));
  }
}
