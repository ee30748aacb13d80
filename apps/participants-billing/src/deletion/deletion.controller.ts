import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Internal } from '#libs/transport';
import { BillingPattern, httpReply, type HttpRequestPayload } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { Actor, type AuditActor } from '#libs/audit';
import { paramOf } from '../common/http.js';
import { DeletionAckDto, DeletionStatusDto } from './dto/deletion.dto.js';
import { DeletionService } from './deletion.service.js';

@Controller()
export class DeletionController {
  constructor(private readonly deletion: DeletionService) {}

  /** DELETE /participants/participant/:id: 202 while services are still deleting, 200 when done. */
  @MessagePattern(BillingPattern.ParticipantDelete)
  async delete(@Payload() payload: HttpRequestPayload, @Actor() actor: AuditActor) {
    const status = await this.deletion.request(paramOf(payload, 'id'), actor);
    return status.status === 'done' ? status : httpReply(202, status);
  }

  @MessagePattern(BillingPattern.ParticipantDeletionStatus)

  @Internal()
  async status(@Payload() data: unknown) {
    return this.deletion.status((await validatePayload(DeletionStatusDto, data)).requestId);
  }

  @MessagePattern(BillingPattern.ParticipantDeletionAck)

  @Internal()
  async ack(@Payload() data: unknown) {
    const { requestId, service } = await validatePayload(DeletionAckDto, data);
    return this.deletion.acknowledge(requestId, service);
  }
}
