import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { HttpRequestPayload, SessionInfo } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { requireSysAdmin } from '../users-admin/sys-admin.js';
import { UserIdDto } from '../users-admin/user-id.dto.js';
import { BlocksService } from './blocks.service.js';
import { NotificationSettingsReader } from './notification-settings.reader.js';
import { IdentityPattern } from '#libs/contracts';

@Controller()
export class BlocksController {
  constructor(private readonly blocks: BlocksService, private readonly settings: NotificationSettingsReader) {}

  @MessagePattern(IdentityPattern.BlockGet)
  async get(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    requireSysAdmin(session);
    return this.blocks.status((await validatePayload(UserIdDto, req.body)).id);
  }

  @MessagePattern(IdentityPattern.BlockSet)
  async set(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor, @CallerSession() session?: SessionInfo) {
    requireSysAdmin(session);
    return this.blocks.block((await validatePayload(UserIdDto, req.body)).id, actor);
  }

  @MessagePattern(IdentityPattern.BlockUnset)
  async unset(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor, @CallerSession() session?: SessionInfo) {
    requireSysAdmin(session);
    return this.blocks.unblock((await validatePayload(UserIdDto, req.body)).id, actor);
  }

  @MessagePattern(IdentityPattern.UserNotificationSettings)
  async notificationSettings(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    requireSysAdmin(session);
    return this.settings.read((await validatePayload(UserIdDto, req.body)).id);
  }
}
