import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type ApiKeyVerifyRequest, CertificatesPattern, type HttpRequestPayload, httpReply, CreateApiKeyDto, ListApiKeysQuery } from '#libs/contracts';
import { Body, Internal, Query } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { ApiKeysService } from './api-keys.service.js';

/** Routes x-cert-1..3 (auth system, enforced by the edge) and the gateway's key check. */
@Controller()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @MessagePattern(CertificatesPattern.ApiKeyVerify)
  @Internal()
  verify(@Payload() data: ApiKeyVerifyRequest) {
    return this.keys.verify(data?.key);
  }

  @MessagePattern(CertificatesPattern.ApiKeyCreate)
  async create(@Body(CreateApiKeyDto) dto: CreateApiKeyDto, @Actor() actor: AuditActor) {
    return httpReply(201, await this.keys.create(dto.participant_id, dto.name, actor));
  }

  @MessagePattern(CertificatesPattern.ApiKeyList)
  list(@Query(ListApiKeysQuery) query: ListApiKeysQuery) {
    return this.keys.list(query.participant_id);
  }

  @MessagePattern(CertificatesPattern.ApiKeyRevoke)
  revoke(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor) {
    return this.keys.revoke(req.params?.id ?? '', actor);
  }
}
