import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RewardsPattern, type SessionInfo, USER_ID } from '#libs/contracts';
import { Caller, Internal, Message } from '#libs/transport';
import { IsString, Matches } from 'class-validator';
import { LevelsService } from './levels.service.js';

class LevelInfoRequest {
  @IsString() @Matches(USER_ID, { message: 'userId must look like urn:authenticateit:user:<reg_type>:<id>' }) userId!: string;
}

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
  accountLevelInfo(@Message(LevelInfoRequest) { userId }: LevelInfoRequest) {
    return this.levels.accountSummary(userId);
  }
}
