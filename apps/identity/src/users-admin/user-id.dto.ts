import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';

export const USER_URN = /^urn:authenticateit:user:[a-z]+:\S+$/;

export class UserIdDto {
  @IsString() @MaxLength(300) @Matches(USER_URN, { message: 'id must be a user id (urn:authenticateit:user:...)' })
  id: string;
}

/** `IdentityPattern.UserRecords` (rewards). */
export class UserRecordsDto {
  @IsArray({ message: 'ids must be at most 100 user ids' }) @ArrayMaxSize(100, { message: 'ids must be at most 100 user ids' })
  @IsString({ each: true, message: 'ids must be at most 100 user ids' }) @Matches(USER_URN, { each: true, message: 'ids must be at most 100 user ids' })
  ids: string[];
}
