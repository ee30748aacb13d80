import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HttpRequestPayload, BanSetDto, ChunkQueryDto, HashParamsDto, RewardsQueryDto, ScansQueryDto, TimelineMessageDto, RewardsAdminUserDto } from '#libs/contracts';
import { Body, Params } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { LevelsService } from '../levels/levels.service.js';
import { AdminReadService } from './admin-read.service.js';
import { AdminWriteService } from './admin-write.service.js';
import { RewardsPattern } from '#libs/contracts';

/** Users management routes of the doc (sys-admin: the route table says so, the edge checks it). */
@Controller()
export class AdminController {
  constructor(private readonly read: AdminReadService, private readonly write: AdminWriteService, private readonly levels: LevelsService) {}

  @MessagePattern(RewardsPattern.UserScans)
  scans(@Body(ScansQueryDto) q: ScansQueryDto) {
    return this.read.scans(q);
  }

  @MessagePattern(RewardsPattern.UserRewards)
  rewards(@Body(RewardsQueryDto) q: RewardsQueryDto) {
    return this.read.rewards(q);
  }

  @MessagePattern(RewardsPattern.UserBuddies)
  buddies(@Body(ChunkQueryDto) q: ChunkQueryDto) {
    return this.read.buddies(q);
  }

  @MessagePattern(RewardsPattern.UserReminders)
  reminders(@Body(RewardsAdminUserDto) { id }: RewardsAdminUserDto) {
    return this.read.reminders(id);
  }

  @MessagePattern(RewardsPattern.UserTimeline)
  timeline(@Body(ChunkQueryDto) q: ChunkQueryDto) {
    return this.read.timeline(q);
  }

  @MessagePattern(RewardsPattern.UserLevel)
  level(@Body(RewardsAdminUserDto) { id }: RewardsAdminUserDto) {
    return this.levels.userLevel(id);
  }

  @MessagePattern(RewardsPattern.UserContributorLevel)
  contributorLevel(@Body(RewardsAdminUserDto) { id }: RewardsAdminUserDto) {
    return this.read.contributorLevel(id);
  }

  @MessagePattern(RewardsPattern.UserTransactions)
  transactions(@Body(RewardsAdminUserDto) { id }: RewardsAdminUserDto) {
    return this.read.transactions(id);
  }

  /** The path's status is checked by the service (only `failure` is supported), after the body. */
  @MessagePattern(RewardsPattern.CashoutSetStatus)
  cashoutStatus(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor, @Body(RewardsAdminUserDto) { id }: RewardsAdminUserDto) {
    return this.write.cashoutStatus(actor, id, req.params?.cashout_id ?? '', req.params?.status ?? '');
  }

  @MessagePattern(RewardsPattern.TransactionsByHash)
  byHash(@Params(HashParamsDto) { hash }: HashParamsDto) {
    return this.read.usersByHash(hash);
  }

  @MessagePattern(RewardsPattern.BanGet)
  banGet(@Body(RewardsAdminUserDto) { id }: RewardsAdminUserDto) {
    return this.write.banGet(id);
  }

  @MessagePattern(RewardsPattern.BanSet)
  banSet(@Actor() actor: AuditActor, @Body(BanSetDto) dto: BanSetDto) {
    return this.write.banSet(actor, dto);
  }

  @MessagePattern(RewardsPattern.BanUnset)
  banUnset(@Actor() actor: AuditActor, @Body(RewardsAdminUserDto) { id }: RewardsAdminUserDto) {
    return this.write.banUnset(actor, id);
  }

  @MessagePattern(RewardsPattern.TimelineMessage)
  timelineMessage(@Body(TimelineMessageDto) dto: TimelineMessageDto) {
    return this.write.timelineMessage(dto);
  }
}
