import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsParticipantId, IsUserId } from '../field-rules.js';
import { ALL_ROLES } from './roles.js';

/** `POST /nominate` and `/nominate/delete`: `id` user, `current_participant`, `role` list. */
export class NominateDto {
  @IsUserId()
  id: string;

  @IsParticipantId()
  current_participant: string;

  @IsArray() @ArrayMaxSize(ALL_ROLES.length) @IsIn([...ALL_ROLES], { each: true, message: `role must contain only: ${ALL_ROLES.join(', ')}` })
  role: string[];
}

/** `IdentityPattern.ParticipantTeam` (billing's participant profile). */
export class ParticipantTeamDto {
  @IsString() @MinLength(1, { message: 'participantId is required' }) @MaxLength(300)
  participantId: string;
}
