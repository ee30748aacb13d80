import { ArrayMaxSize, IsArray } from 'class-validator';
import { IsUserId } from '../field-rules.js';

const IDS_MESSAGE = 'ids must be at most 100 user ids';

/** The user a sys-admin route acts on (blocks, pending participant code). */
export class TargetUserDto {
  @IsUserId()
  id: string;
}

/** `IdentityPattern.UserRecords` (rewards). */
export class UserRecordsDto {
  @IsArray({ message: IDS_MESSAGE }) @ArrayMaxSize(100, { message: IDS_MESSAGE }) @IsUserId({ each: true, message: IDS_MESSAGE })
  ids: string[];
}
