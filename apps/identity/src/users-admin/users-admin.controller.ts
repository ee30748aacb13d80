import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Events, type HttpRequestPayload, IdentityPattern, USER_ID, UserRecordsDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { Internal, Message } from '#libs/transport';
import { UsersAdminService } from './users-admin.service.js';
import { UserStatsService } from './user-stats.service.js';

@Controller()
export class UsersAdminController {
  constructor(private readonly users: UsersAdminService, private readonly stats: UserStatsService) {}

  /**
   * `sys-admin` route (the edge checks the caller). The body is `id` (one profile) or the search
   * filters, an open set users-filters.ts checks: no DTO class can whitelist it.
   */
  @MessagePattern(IdentityPattern.UsersGet)
  get(@Payload() req: HttpRequestPayload) {
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw DomainError.invalid('Request body must be a JSON object');
    const { id, ...filters } = body as Record<string, unknown>;
    if (id !== undefined) {
      if (typeof id !== 'string' || id.length > 300 || !USER_ID.test(id)) throw DomainError.invalid('Invalid request', [{ field: 'id', errors: ['id must be a user id'] }]);
      return this.users.profile(id);
    }
    return this.users.list(filters);
  }

  /** Service to service (rewards, for GET /user/transactions/hashes/:hash): at most 100 ids. */
  @MessagePattern(IdentityPattern.UserRecords)
  @Internal({ from: ['rewards'] })
  records(@Message(UserRecordsDto) data: UserRecordsDto) {
    return this.users.records(data.ids);
  }

  /** Statistics other services own (scans, buddies, reviews, cashouts, widgets...): see Events.UserStats. */
  @EventPattern(Events.UserStats)
  async userStats(@Payload() data: unknown) {
    await this.stats.applyEvent(data);
  }
}
