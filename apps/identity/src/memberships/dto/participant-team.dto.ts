import { IsString, MaxLength, MinLength } from 'class-validator';

/** `IdentityPattern.ParticipantTeam` (billing's participant profile). */
export class ParticipantTeamDto {
  @IsString() @MinLength(1, { message: 'participantId is required' }) @MaxLength(300)
  participantId: string;
}
