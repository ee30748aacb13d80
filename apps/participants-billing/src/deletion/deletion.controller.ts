import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Internal, Message, Params } from '#libs/transport';
import { BillingPattern, httpReply, ParticipantIdParams, DeletionAckDto, DeletionStatusDto } from '#libs/contracts';
import { Actor, type AuditActor } from '#libs/audit';
import { DeletionService } from './deletion.service.js';

@Controller()
export class DeletionController {
  constructor(private readonly deletion: DeletionService) {}

  /** DELETE /participants/participant/:id: 202 while services are still deleting, 200 when done. */
  @MessagePattern(BillingPattern.ParticipantDelete)
  async delete(@Params(ParticipantIdParams) { id }: ParticipantIdParams, @Actor() actor: AuditActor) {
    const status = await this.deletion.request(id, actor);
    return status.status === 'done' ? status : httpReply(202, status);
  }

  @MessagePattern(BillingPattern.ParticipantDeletionStatus)
  @Internal()
  async status(@Message(DeletionStatusDto) { requestId }: DeletionStatusDto) {
    return this.deletion.status(requestId);
  }

  @MessagePattern(BillingPattern.ParticipantDeletionAck)
  @Internal()
  async ack(@Message(DeletionAckDto) { requestId, service }: DeletionAckDto) {
    return this.deletion.acknowledge(requestId, service);
  }
}
