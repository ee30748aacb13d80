import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const PARTICIPANT_ID_SHAPE = /^urn:authenticateit:participant:\d+$/;

export class CreateApiKeyDto {
  @Matches(PARTICIPANT_ID_SHAPE, { message: 'participant_id must look like urn:authenticateit:participant:<n>' })
  participant_id: string;

  @IsOptional() @IsString() @MaxLength(200)
  name?: string;
}

/** Query of GET /certificates/api-keys. */
export class ListApiKeysQuery {
  @IsOptional()
  @Matches(PARTICIPANT_ID_SHAPE, { message: 'participant_id must look like urn:authenticateit:participant:<n>' })
  participant_id?: string;
}
