import { IsIn, IsUUID } from 'class-validator';
import { PARTICIPANT_DELETION_ACKERS } from '../../patterns/participants-billing.js';

export class DeletionStatusDto {
  @IsUUID()
  requestId: string;
}

/** `billing.participant.deletion-ack`: identity, rewards and certificates call it after acting on `participant.deleted`. */
export class DeletionAckDto {
  @IsUUID()
  requestId: string;

  @IsIn(PARTICIPANT_DELETION_ACKERS)
  service: string;
}
