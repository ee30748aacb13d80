import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { USER_STATS_BATCH_MAX, USER_STATS_PARTS, type UserStatsPart } from '../../patterns/identity-admin.js';
import { USER_ID } from '../../rules.js';

/** `RewardsPattern.AccountLevelInfo` → UserAccountSummary: identity asks when its copy is missing or past validUntil. */
export class AccountLevelInfoRequestDto {
  @IsString() @Matches(USER_ID, { message: 'userId must look like urn:authenticateit:user:<reg_type>:<id>' }) userId!: string;
}

/** `RewardsPattern.UserStatsBatch` → UserStatsBatchResult: up to USER_STATS_BATCH_MAX users, every part unless `parts` names some. */
export class UserStatsBatchDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(USER_STATS_BATCH_MAX) @IsString({ each: true }) @MaxLength(300, { each: true }) userIds!: string[];
  @IsOptional() @IsArray() @IsIn(USER_STATS_PARTS, { each: true }) parts?: UserStatsPart[];
}
