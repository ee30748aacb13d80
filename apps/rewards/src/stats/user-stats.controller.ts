import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Internal, Message } from '#libs/transport';
import { RewardsPattern, UserStatsBatchDto, type UserStatsBatchResult } from '#libs/contracts';
import { UserStatsReader } from './user-stats.reader.js';

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
