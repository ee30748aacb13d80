import { IsIn, IsUUID } from 'class-validator';
import { PARTICIPANT_DELETION_ACKERS } from '#libs/contracts';

export class DeletionStatusDto {
  @IsUUID()
  requestId: string;
}

export class DeletionAckDto {
  @IsUUID()
  requestId: string;

  @IsIn(PARTICIPANT_DELETION_ACKERS)
  service: string;
}
