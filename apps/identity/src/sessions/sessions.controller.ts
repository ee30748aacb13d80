import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, IdentityPattern, type SessionInfo, CreateSessionDto, SwitchContextDto } from '#libs/contracts';
import { Body, Caller } from '#libs/transport';
import { SessionsService } from './sessions.service.js';
import { sessionOriginOf } from './session-origin.js';

@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @MessagePattern(IdentityPattern.SessionCreate)
  create(@Payload() req: HttpRequestPayload, @Body(CreateSessionDto) body: CreateSessionDto) {
    return this.sessions.signIn(body, sessionOriginOf(req));
  }

  @MessagePattern(IdentityPattern.SessionGet)
  get(@Caller() caller: SessionInfo) {
    return this.sessions.current(caller);
  }

  @MessagePattern(IdentityPattern.SessionDelete)
  delete(@Caller() caller: SessionInfo) {
    return this.sessions.signOut(caller);
  }

  @MessagePattern(IdentityPattern.SessionList)
  list(@Caller() caller: SessionInfo) {
    return this.sessions.list(caller);
  }

  @MessagePattern(IdentityPattern.SessionEnd)
  end(@Payload() req: HttpRequestPayload, @Caller() caller: SessionInfo) {
    return this.sessions.end(caller, req.params?.id);
  }

  @MessagePattern(IdentityPattern.SessionSwitchContext)
  switchContext(@Caller() caller: SessionInfo, @Body(SwitchContextDto) body: SwitchContextDto) {
    return this.sessions.switchContext(caller, body.new_participant);
  }
}
