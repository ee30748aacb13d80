import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { httpReply, IdentityPattern, MergeDto, type SessionInfo } from '#libs/contracts';
import { Body, Caller } from '#libs/transport';
import { MergeService } from './merge.service.js';

@Controller()
export class MergeController {
  constructor(private readonly merges: MergeService) {}

  /** "There is no body in the response." */
  @MessagePattern(IdentityPattern.MergeCreate)
  async merge(@Caller() caller: SessionInfo, @Body(MergeDto) body: MergeDto) {
    await this.merges.merge(caller, body.secondary_ticket);
    return httpReply(204, undefined);
  }

  @MessagePattern(IdentityPattern.MergeList)
  list(@Caller() caller: SessionInfo) {
    return this.merges.list(caller.userId);
  }
}
