import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { IdentityPattern } from '#libs/contracts';
import { Body } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { UserIdDto } from '../users-admin/user-id.dto.js';
import { BlocksService } from './blocks.service.js';
import { NotificationSettingsReader } from './notification-settings.reader.js';

/** sys-admin routes: the edge checks the caller. */
@Controller()
export class BlocksController {
  constructor(private readonly blocks: BlocksService, private readonly settings: NotificationSettingsReader) {}

  @MessagePattern(IdentityPattern.BlockGet)
  get(@Body(UserIdDto) body: UserIdDto) {
    return this.blocks.status(body.id);
  }

  @MessagePattern(IdentityPattern.BlockSet)
  set(@Body(UserIdDto) body: UserIdDto, @Actor() actor: AuditActor) {
    return this.blocks.block(body.id, actor);
  }

  @MessagePattern(IdentityPattern.BlockUnset)
  unset(@Body(UserIdDto) body: UserIdDto, @Actor() actor: AuditActor) {
    return this.blocks.unblock(body.id, actor);
  }

  @MessagePattern(IdentityPattern.UserNotificationSettings)
  notificationSettings(@Body(UserIdDto) body: UserIdDto) {
    return this.settings.read(body.id);
  }
}
