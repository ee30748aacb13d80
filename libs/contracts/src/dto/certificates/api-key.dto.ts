import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PARTICIPANT_ID } from '../../rules.js';

/** `POST /certificates/api-keys` (sys-admin). */
export class CreateApiKeyDto {
  @Matches(PARTICIPANT_ID, { message: 'participant_id must look like urn:authenticateit:participant:<n>' })
  participant_id: string;

  @IsOptional() @IsString() @MaxLength(200)
  name?: string;
}

/** Query of GET /certificates/api-keys. */
export class ListApiKeysQuery {
  @IsOptional()
  @Matches(PARTICIPANT_ID, { message: 'participant_id must look like urn:authenticateit:participant:<n>' })
  participant_id?: string;
}
