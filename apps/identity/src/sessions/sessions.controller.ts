import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HttpRequestPayload, IDENTITY_PATTERNS as P, SessionInfo } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { CreateSessionDto, SwitchContextDto } from './dto/session.dto.js';
import { SessionsService } from './sessions.service.js';

@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @MessagePattern(P.sessionCreate)
  async create(@Payload() req: HttpRequestPayload) {
    return this.sessions.signIn(await validatePayload(CreateSessionDto, req.body), req.ip);
  }

  @MessagePattern(P.sessionGet)
  get(@CallerSession() session: SessionInfo | undefined) {
    return this.sessions.current(session);
  }

  @MessagePattern(P.sessionDelete)
  delete(@CallerSession() session: SessionInfo | undefined) {
    return this.sessions.signOut(session);
  }

  @MessagePattern(P.sessionSwitchContext)
  async switchContext(@Payload() req: HttpRequestPayload, @CallerSession() session: SessionInfo | undefined) {
    return this.sessions.switchContext(session, (await validatePayload(SwitchContextDto, req.body)).new_participant);
  }
}
