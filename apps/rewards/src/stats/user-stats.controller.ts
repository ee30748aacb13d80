import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Internal, Message } from '#libs/transport';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RewardsPattern, USER_STATS_BATCH_MAX, USER_STATS_PARTS, type UserStatsBatchResult, type UserStatsPart } from '#libs/contracts';
import { UserStatsReader } from './user-stats.reader.js';

class UserStatsBatchDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(USER_STATS_BATCH_MAX) @IsString({ each: true }) @MaxLength(300, { each: true }) userIds!: string[];
  @IsOptional() @IsArray() @IsIn(USER_STATS_PARTS, { each: true }) parts?: UserStatsPart[];
}

/** What identity's users admin shows from rewards, for a batch of users (its reconciliation asks). */
@Controller()
export class UserStatsController {
  constructor(private readonly reader: UserStatsReader) {}

  @MessagePattern(RewardsPattern.UserStatsBatch)
  @Internal()
  async batch(@Message(UserStatsBatchDto) { userIds, parts }: UserStatsBatchDto): Promise<UserStatsBatchResult> {
    return { users: await this.reader.all(userIds, parts) };
  }
}
