import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Events, type UserProfileEvent } from '#libs/contracts';
import { UserLifecycleService } from './user-lifecycle.service.js';

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 300;

const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isName = (v: unknown): v is string | null | undefined => v === undefined || v === null || (typeof v === 'string' && v.length <= 500);

/** `user.profile`, `user.deleted` and `user.merged` from identity (malformed events are ignored: nobody to answer). */
@Controller()
export class UserLifecycleController {
  private readonly logger = new Logger('UserLifecycle');
  constructor(private readonly users: UserLifecycleService) {}

  @EventPattern<string>(Events.UserProfile)
  async userProfile(@Payload() data: Partial<UserProfileEvent>): Promise<void> {
    const tz = data?.timezoneMin;
    const valid = isId(data?.userId) && isTime(data?.registeredAt) && isName(data.firstName) && isName(data.lastName) && isName(data.photo)
      && (tz === undefined || (Number.isInteger(tz) && tz >= -720 && tz <= 840));
    if (!valid) {
      this.logger.warn({ msg: 'malformed user.profile ignored' });
      return;
    }
    await this.users.profile(data as UserProfileEvent);
  }

  @EventPattern<string>(Events.UserDeleted)
  async userDeleted(@Payload() data: { userId?: unknown; deletedAt?: unknown }): Promise<void> {
    if (!isId(data?.userId)) return;
    // Events of earlier versions carry no time: the deletion happened when it arrives (once per user id).
    await this.users.deleted(isTime(data.deletedAt) ? { userId: data.userId, deletedAt: data.deletedAt } : { userId: data.userId });
  }

  @EventPattern<string>(Events.UserMerged)
  async userMerged(@Payload() data: { primaryUserId?: unknown; secondaryUserId?: unknown }): Promise<void> {
    if (isId(data?.primaryUserId) && isId(data?.secondaryUserId)) {
      await this.users.merged({ primaryUserId: data.primaryUserId, secondaryUserId: data.secondaryUserId });
    }
  }
}
