import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PARTICIPANT_ID, USER_ID } from '../../rules.js';
import { ALL_ROLES } from './roles.js';

/** `POST /nominate` and `/nominate/delete`: `id` user, `current_participant`, `role` list. */
export class NominateDto {
  @IsString() @MaxLength(300) @Matches(USER_ID, { message: 'id must be a user id (urn:authenticateit:user:...)' })
  id: string;

  @IsString() @MaxLength(300) @Matches(PARTICIPANT_ID, { message: 'current_participant must be a participant id' })
  current_participant: string;

  @IsArray() @ArrayMaxSize(ALL_ROLES.length) @IsIn([...ALL_ROLES], { each: true, message: `role must contain only: ${ALL_ROLES.join(', ')}` })
  role: string[];
}

/** `IdentityPattern.ParticipantTeam` (billing's participant profile). */
export class ParticipantTeamDto {
  @IsString() @MinLength(1, { message: 'participantId is required' }) @MaxLength(300)
  participantId: string;
}
