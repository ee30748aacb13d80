import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RewardsPattern, type SessionInfo } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession, Internal } from '#libs/transport';
import { IsString, Matches } from 'class-validator';
import { requireSession } from '../common/callers.js';
import { USER_ID } from '../inputs/input.dto.js';
import { LevelsService } from './levels.service.js';

class LevelInfoRequest {
  @IsString() @Matches(USER_ID, { message: 'userId must look like urn:authenticateit:user:<reg_type>:<id>' }) userId!: string;
}

@Controller()
export class LevelsController {
  constructor(private readonly levels: LevelsService) {}

  @MessagePattern(RewardsPattern.LevelMine)
  mine(@CallerSession() s?: SessionInfo) {
    return this.levels.mine(requireSession(s).userId);
  }

  @MessagePattern(RewardsPattern.EarningsMine)
  earnings(@CallerSession() s?: SessionInfo) {
    return this.levels.earnings(requireSession(s).userId);
  }

  /** Identity asks for GET /account. */
  @MessagePattern(RewardsPattern.AccountLevelInfo)
  @Internal()
  async accountLevelInfo(@Payload() data: unknown) {
    return this.levels.accountSummary((await validatePayload(LevelInfoRequest, data)).userId);
  }
}
