import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Events } from '#libs/contracts';
import { UserLifecycleService } from './user-lifecycle.service.js';

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 300;

/** `user.deleted` and `user.merged` from identity (malformed events are ignored: nobody to answer). */
@Controller()
export class UserLifecycleController {
  constructor(private readonly users: UserLifecycleService) {}

  @EventPattern<string>(Events.UserDeleted)
  async userDeleted(@Payload() data: { userId?: unknown }): Promise<void> {
    if (isId(data?.userId)) await this.users.deleted({ userId: data.userId });
  }

  @EventPattern<string>(Events.UserMerged)
  async userMerged(@Payload() data: { primaryUserId?: unknown; secondaryUserId?: unknown }): Promise<void> {
    if (isId(data?.primaryUserId) && isId(data?.secondaryUserId)) {
      await this.users.merged({ primaryUserId: data.primaryUserId, secondaryUserId: data.secondaryUserId });
    }
  }
}
