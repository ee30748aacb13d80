import { IsString, Matches, MaxLength } from 'class-validator';

export const USER_URN = /^urn:authenticateit:user:[a-z]+:\S+$/;

export class UserIdDto {
  @IsString() @MaxLength(300) @Matches(USER_URN, { message: 'id must be a user id (urn:authenticateit:user:...)' })
  id: string;
}
