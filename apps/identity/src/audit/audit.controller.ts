import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AuditQueryDto, IdentityPattern, type SessionInfo } from '#libs/contracts';
import { auditQuery } from '#libs/audit';
import { Body, Caller } from '#libs/transport';
import { AuditGatherer } from './audit-gatherer.service.js';

@Controller()
export class AuditController {
  constructor(private readonly gatherer: AuditGatherer) {}

  /** POST /identity-service/audit/get (sys-admin; the edge checks the caller and the body); auditQuery decodes the cursor. */
  @MessagePattern(IdentityPattern.AuditGet)
  get(@Body(AuditQueryDto) body: AuditQueryDto, @Caller() reader: SessionInfo) {
    return this.gatherer.page(reader, auditQuery(body));
  }
}
