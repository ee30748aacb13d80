import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { IdentityPattern, TargetUserDto } from '#libs/contracts';
import { Body } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { BlocksService } from './blocks.service.js';
import { NotificationSettingsReader } from './notification-settings.reader.js';

/** sys-admin routes: the edge checks the caller. */
@Controller()
export class BlocksController {
  constructor(private readonly blocks: BlocksService, private readonly settings: NotificationSettingsReader) {}

  @MessagePattern(IdentityPattern.BlockGet)
  get(@Body(TargetUserDto) body: TargetUserDto) {
    return this.blocks.status(body.id);
  }

  @MessagePattern(IdentityPattern.BlockSet)
  set(@Body(TargetUserDto) body: TargetUserDto, @Actor() actor: AuditActor) {
    return this.blocks.block(body.id, actor);
  }

  @MessagePattern(IdentityPattern.BlockUnset)
  unset(@Body(TargetUserDto) body: TargetUserDto, @Actor() actor: AuditActor) {
    return this.blocks.unblock(body.id, actor);
  }

  @MessagePattern(IdentityPattern.UserNotificationSettings)
  notificationSettings(@Body(TargetUserDto) body: TargetUserDto) {
    return this.settings.read(body.id);
  }
}
