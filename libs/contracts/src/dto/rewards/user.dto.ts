import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { USER_STATS_BATCH_MAX, USER_STATS_PARTS, type UserStatsPart } from '../../patterns/identity-admin.js';
import { IsUserId } from '../field-rules.js';

/** `RewardsPattern.AccountLevelInfo` → UserAccountSummary: identity asks when its copy is missing or past validUntil. */
export class AccountLevelInfoRequestDto {
  @IsUserId() userId!: string;
}

/** `RewardsPattern.UserStatsBatch` → UserStatsBatchResult: up to USER_STATS_BATCH_MAX users, every part unless `parts` names some. */
export class UserStatsBatchDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(USER_STATS_BATCH_MAX) @IsString({ each: true }) @MaxLength(300, { each: true }) userIds!: string[];
  @IsOptional() @IsArray() @IsIn(USER_STATS_PARTS, { each: true }) parts?: UserStatsPart[];
}
