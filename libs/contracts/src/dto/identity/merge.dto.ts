import { IsString, IsUUID } from 'class-validator';

/** `POST /account/merge`: the session of the account merged into the caller's. */
export class MergeDto {
  @IsString() @IsUUID('4', { message: 'secondary_ticket must be a session ticket' })
  secondary_ticket: string;
}
