import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { HttpRequestPayload, SessionInfo } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { requireSysAdmin } from '../common/callers.js';
import { LevelsService } from '../levels/levels.service.js';
import { BanSetDto, ChunkQueryDto, RewardsQueryDto, ScansQueryDto, TimelineMessageDto, UserIdDto } from './admin.dto.js';
import { AdminReadService } from './admin-read.service.js';
import { AdminWriteService } from './admin-write.service.js';
import { RewardsPattern } from '#libs/contracts';

/** Users management routes of the doc (sys-admin). */
@Controller()
export class AdminController {
  constructor(private readonly read: AdminReadService, private readonly write: AdminWriteService, private readonly levels: LevelsService) {}

  @MessagePattern(RewardsPattern.UserScans)
  async scans(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.scans(await validatePayload(ScansQueryDto, req?.body));
  }

  @MessagePattern(RewardsPattern.UserRewards)
  async rewards(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.rewards(await validatePayload(RewardsQueryDto, req?.body));
  }

  @MessagePattern(RewardsPattern.UserBuddies)
  async buddies(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.buddies(await validatePayload(ChunkQueryDto, req?.body));
  }

  @MessagePattern(RewardsPattern.UserReminders)
  async reminders(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.reminders((await validatePayload(UserIdDto, req?.body)).id);
  }

  @MessagePattern(RewardsPattern.UserTimeline)
  async timeline(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.timeline(await validatePayload(ChunkQueryDto, req?.body));
  }

  @MessagePattern(RewardsPattern.UserLevel)
  async level(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    const { id } = await validatePayload(UserIdDto, req?.body);
    return this.levels.userLevel(id);
  }

  @MessagePattern(RewardsPattern.UserContributorLevel)
  async contributorLevel(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.contributorLevel((await validatePayload(UserIdDto, req?.body)).id);
  }

  @MessagePattern(RewardsPattern.UserTransactions)
  async transactions(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.transactions((await validatePayload(UserIdDto, req?.body)).id);
  }

  @MessagePattern(RewardsPattern.CashoutSetStatus)
  async cashoutStatus(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    const { id } = await validatePayload(UserIdDto, req?.body);
    return this.write.cashoutStatus(actor, id, req.params?.cashout_id ?? '', req.params?.status ?? '');
  }

  @MessagePattern(RewardsPattern.TransactionsByHash)
  byHash(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.read.usersByHash(req?.params?.hash ?? '');
  }

  @MessagePattern(RewardsPattern.BanGet)
  async banGet(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.write.banGet((await validatePayload(UserIdDto, req?.body)).id);
  }

  @MessagePattern(RewardsPattern.BanSet)
  async banSet(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.write.banSet(actor, await validatePayload(BanSetDto, req?.body));
  }

  @MessagePattern(RewardsPattern.BanUnset)
  async banUnset(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.write.banUnset(actor, (await validatePayload(UserIdDto, req?.body)).id);
  }

  @MessagePattern(RewardsPattern.TimelineMessage)
  async timelineMessage(@Payload() req: HttpRequestPayload, @CallerSession() s?: SessionInfo) {
    requireSysAdmin(s);
    return this.write.timelineMessage(await validatePayload(TimelineMessageDto, req?.body));
  }
}
