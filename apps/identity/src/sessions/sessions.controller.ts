import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, IdentityPattern, type SessionInfo } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { CreateSessionDto, SwitchContextDto } from './dto/session.dto.js';
import { SessionsService } from './sessions.service.js';
import { sessionOriginOf } from './session-origin.js';

@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @MessagePattern(IdentityPattern.SessionCreate)
  async create(@Payload() req: HttpRequestPayload) {
    return this.sessions.signIn(await validatePayload(CreateSessionDto, req.body), sessionOriginOf(req));
  }

  @MessagePattern(IdentityPattern.SessionGet)
  get(@CallerSession() session: SessionInfo | undefined) {
    return this.sessions.current(session);
  }

  @MessagePattern(IdentityPattern.SessionDelete)
  delete(@CallerSession() session: SessionInfo | undefined) {
    return this.sessions.signOut(session);
  }

  @MessagePattern(IdentityPattern.SessionList)
  list(@CallerSession() session: SessionInfo | undefined) {
    return this.sessions.list(session);
  }

  @MessagePattern(IdentityPattern.SessionEnd)
  end(@Payload() req: HttpRequestPayload, @CallerSession() session: SessionInfo | undefined) {
    return this.sessions.end(session, req.params?.id);
  }

  @MessagePattern(IdentityPattern.SessionSwitchContext)
  async switchContext(@Payload() req: HttpRequestPayload, @CallerSession() session: SessionInfo | undefined) {
    return this.sessions.switchContext(session, (await validatePayload(SwitchContextDto, req.body)).new_participant);
  }
}
