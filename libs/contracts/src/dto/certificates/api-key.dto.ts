import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsParticipantId } from '../field-rules.js';

/** `POST /certificates/api-keys` (sys-admin). */
export class CreateApiKeyDto {
  @IsParticipantId()
  participant_id: string;

  @IsOptional() @IsString() @MaxLength(200)
  name?: string;
}

/** Query of GET /certificates/api-keys. */
export class ListApiKeysQuery {
  @IsOptional()
  @IsParticipantId()
  participant_id?: string;
}
