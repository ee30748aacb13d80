import { ArrayMaxSize, IsArray, IsString, Matches } from 'class-validator';
import { USER_ID } from '../../rules.js';
import { IsUserId } from '../id-rules.js';

/** The user a sys-admin route acts on (blocks, pending participant code). */
export class TargetUserDto {
  @IsUserId()
  id: string;
}

/** `IdentityPattern.UserRecords` (rewards). */
export class UserRecordsDto {
  @IsArray({ message: 'ids must be at most 100 user ids' }) @ArrayMaxSize(100, { message: 'ids must be at most 100 user ids' })
  @IsString({ each: true, message: 'ids must be at most 100 user ids' }) @Matches(USER_ID, { each: true, message: 'ids must be at most 100 user ids' })
  ids: string[];
}
