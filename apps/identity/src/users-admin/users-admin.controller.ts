import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import type { HttpRequestPayload, SessionInfo } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { CallerSession, Internal } from '#libs/transport';
import { requireSysAdmin } from './sys-admin.js';
import { USER_URN } from './user-id.dto.js';
import { UsersAdminService } from './users-admin.service.js';
import { UserStatsService } from './user-stats.service.js';
import { Events, IdentityPattern } from '#libs/contracts';

@Controller()
export class UsersAdminController {
  constructor(private readonly users: UsersAdminService, private readonly stats: UserStatsService) {}

  @MessagePattern(IdentityPattern.UsersGet)
  async get(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    requireSysAdmin(session);
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw DomainError.invalid('Request body must be a JSON object');
    const { id, ...filters } = body as Record<string, unknown>;
    if (id !== undefined) {
      if (typeof id !== 'string' || id.length > 300 || !USER_URN.test(id)) throw DomainError.invalid('Invalid request', [{ field: 'id', errors: ['id must be a user id'] }]);
      return this.users.profile(id);
    }
    return this.users.list(filters);
  }

  /** Service to service (rewards, for GET /user/transactions/hashes/:hash): at most 100 ids. */
  @MessagePattern(IdentityPattern.UserRecords)
  @Internal()
  records(@Payload() data: { ids?: unknown }) {
    const ids = data?.ids;
    if (!Array.isArray(ids) || ids.length > 100 || !ids.every((id) => typeof id === 'string' && USER_URN.test(id))) {
      throw DomainError.invalid('Invalid request', [{ field: 'ids', errors: ['ids must be at most 100 user ids'] }]);
    }
    return this.users.records(ids as string[]);
  }

  /** Statistics other services own (scans, buddies, reviews, cashouts, widgets...): see Events.UserStats. */
  @EventPattern(Events.UserStats)
  async userStats(@Payload() data: unknown) {
    await this.stats.applyEvent(data);
  }
}
