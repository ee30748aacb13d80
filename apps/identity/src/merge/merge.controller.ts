import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { httpReply, type HttpRequestPayload, type SessionInfo, IdentityPattern } from '#libs/contracts';
import { DomainError, validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { IsString, IsUUID } from 'class-validator';
import { MergeService } from './merge.service.js';

class MergeDto {
  @IsString() @IsUUID('4', { message: 'secondary_ticket must be a session ticket' })
  secondary_ticket: string;
}

@Controller()
export class MergeController {
  constructor(private readonly merges: MergeService) {}

  /** "There is no body in the response." */
  @MessagePattern(IdentityPattern.MergeCreate)
  async merge(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    if (!session) throw DomainError.unauthenticated();
    await this.merges.merge(session, (await validatePayload(MergeDto, req.body)).secondary_ticket);
    return httpReply(204, undefined);
  }

  @MessagePattern(IdentityPattern.MergeList)
  list(@CallerSession() session?: SessionInfo) {
    if (!session) throw DomainError.unauthenticated();
    return this.merges.list(session.userId);
  }
}
