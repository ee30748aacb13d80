import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AccountLevelInfoRequestDto, RewardsPattern, type SessionInfo } from '#libs/contracts';
import { Caller, Internal, Message } from '#libs/transport';
import { LevelsService } from './levels.service.js';

@Controller()
export class LevelsController {
  constructor(private readonly levels: LevelsService) {}

  @MessagePattern(RewardsPattern.LevelMine)
  mine(@Caller() caller: SessionInfo) {
    return this.levels.mine(caller.userId);
  }

  @MessagePattern(RewardsPattern.EarningsMine)
  earnings(@Caller() caller: SessionInfo) {
    return this.levels.earnings(caller.userId);
  }

  /** Identity asks for GET /account. */
  @MessagePattern(RewardsPattern.AccountLevelInfo)
  @Internal()
  accountLevelInfo(@Message(AccountLevelInfoRequestDto) { userId }: AccountLevelInfoRequestDto) {
    return this.levels.accountSummary(userId);
  }
}
