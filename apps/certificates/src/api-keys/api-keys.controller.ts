import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { type ApiKeyVerifyRequest, CertificatesPattern, type HttpRequestPayload, httpReply } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { StreamContext, Internal } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { requireSystemSession } from '../common/callers.js';
import { CertificatesErrorCode, certificatesError } from '../common/certificates-errors.js';
import { CreateApiKeyDto, PARTICIPANT_ID_SHAPE } from './api-key.dto.js';
import { ApiKeysService } from './api-keys.service.js';

@Controller()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @MessagePattern(CertificatesPattern.ApiKeyVerify)

  @Internal()
  verify(@Payload() data: ApiKeyVerifyRequest) {
    return this.keys.verify(data?.key);
  }

  @MessagePattern(CertificatesPattern.ApiKeyCreate)
  async create(@Payload() req: HttpRequestPayload, @Ctx() ctx: StreamContext, @Actor() actor: AuditActor) {
    requireSystemSession(ctx.getHeaders());
    const dto = await validatePayload(CreateApiKeyDto, req.body);
    return httpReply(201, await this.keys.create(dto.participant_id, dto.name, actor));
  }

  @MessagePattern(CertificatesPattern.ApiKeyList)
  list(@Payload() req: HttpRequestPayload, @Ctx() ctx: StreamContext) {
    requireSystemSession(ctx.getHeaders());
    const participantId = req.query?.participant_id;
    if (participantId !== undefined && (typeof participantId !== 'string' || !PARTICIPANT_ID_SHAPE.test(participantId))) {
      throw certificatesError(CertificatesErrorCode.InvalidInput, 'Invalid query',
        [{ field: 'participant_id', errors: ['participant_id must look like urn:authenticateit:participant:<n>'] }]);
    }
    return this.keys.list(participantId);
  }

  @MessagePattern(CertificatesPattern.ApiKeyRevoke)
  revoke(@Payload() req: HttpRequestPayload, @Ctx() ctx: StreamContext, @Actor() actor: AuditActor) {
    requireSystemSession(ctx.getHeaders());
    return this.keys.revoke(req.params?.id ?? '', actor);
  }
}
