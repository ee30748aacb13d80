import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { HttpRequestPayload, SessionInfo } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { requireSysAdmin } from '../common/callers.js';
import { LevelsService } from '../levels/levels.service.js';
import { BanSetDto, ChunkQueryDto, RewardsQueryDto, ScansQueryDto, TimelineMessageDto, UserIdDto } from './admin.dto.js';
import { AdminReadService } from './admin-read.service.js';
import { AdminWriteService } from './admin-write.service.js';

/** Users management routes of the doc (sys-admin). */
@Controller()
export class AdminController {
  constructor(private readonly read: AdminReadService, private readonly write: AdminWriteService, private readonly levels: LevelsService) {}

  @MessagePattern('rewards.user.scans')
  async scans(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.scans(await validatePayload(ScansQueryDto, req?.body));
  }

  @MessagePattern('rewards.user.rewards')
  async rewards(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.rewards(await validatePayload(RewardsQueryDto, req?.body));
  }

  @MessagePattern('rewards.user.buddies')
  async buddies(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.buddies(await validatePayload(ChunkQueryDto, req?.body));
  }

  @MessagePattern('rewards.user.reminders')
  async reminders(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.reminders((await validatePayload(UserIdDto, req?.body)).id);
  }

  @MessagePattern('rewards.user.timeline')
  async timeline(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.timeline(await validatePayload(ChunkQueryDto, req?.body));
  }

  @MessagePattern('rewards.user.level')
  async level(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    const { id } = await validatePayload(UserIdDto, req?.body);
    return this.levels.userLevel(id);
  }

  @MessagePattern('rewards.user.contributor-level')
  async contributorLevel(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.contributorLevel((await validatePayload(UserIdDto, req?.body)).id);
  }

  @MessagePattern('rewards.user.transactions')
  async transactions(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.transactions((await validatePayload(UserIdDto, req?.body)).id);
  }

  @MessagePattern('rewards.cashout.set-status')
  async cashoutStatus(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    const { id } = await validatePayload(UserIdDto, req?.body);
    return this.write.cashoutStatus(id, req.params?.cashout_id ?? '', req.params?.status ?? '');
  }

  @MessagePattern('rewards.transactions.by-hash')
  byHash(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.usersByHash(req?.params?.hash ?? '');
  }

  @MessagePattern('rewards.ban.get')
  async banGet(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.write.banGet((await validatePayload(UserIdDto, req?.body)).id);
  }

  @MessagePattern('rewards.ban.set')
  async banSet(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.write.banSet(await validatePayload(BanSetDto, req?.body));
  }

  @MessagePattern('rewards.ban.unset')
  async banUnset(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.write.banUnset((await validatePayload(UserIdDto, req?.body)).id);
  }

  @MessagePattern('rewards.timeline.message')
  async timelineMessage(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.write.timelineMessage(await validatePayload(TimelineMessageDto, req?.body));
  }
}
