import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { USER_URN } from '../../users-admin/user-id.dto.js';
import { ALL_ROLES } from '../roles.js';

export const PARTICIPANT_URN = /^urn:authenticateit:participant:\S+$/;

/** `POST /nominate` and `/nominate/delete`: `id` user, `current_participant`, `role` list. */
export class NominateDto {
  @IsString() @MaxLength(300) @Matches(USER_URN, { message: 'id must be a user id (urn:authenticateit:user:...)' })
  id: string;

  @IsString() @MaxLength(300) @Matches(PARTICIPANT_URN, { message: 'current_participant must be a participant id' })
  current_participant: string;

  @IsArray() @ArrayMaxSize(ALL_ROLES.length) @IsIn([...ALL_ROLES], { each: true, message: `role must contain only: ${ALL_ROLES.join(', ')}` })
  role: string[];
}
