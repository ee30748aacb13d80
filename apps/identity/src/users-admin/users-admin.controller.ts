import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Events, type HttpRequestPayload, IdentityPattern, TargetUserDto, UserRecordsDto } from '#libs/contracts';
import { DomainError, DtoPipe } from '#libs/errors';
import { Internal, Message } from '#libs/transport';
import { UsersAdminService } from './users-admin.service.js';
import { UserStatsService } from './user-stats.service.js';

const TARGET_USER = new DtoPipe(TargetUserDto);

@Controller()
export class UsersAdminController {
  constructor(private readonly users: UsersAdminService, private readonly stats: UserStatsService) {}

  /**
   * `sys-admin` route (the edge checks the caller). The body is `id` (one profile) or the search
   * filters, an open set users-filters.ts checks: no DTO class can whitelist it.
   */
  @MessagePattern(IdentityPattern.UsersGet)
  async get(@Payload() req: HttpRequestPayload) {
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw DomainError.invalid('Request body must be a JSON object');
    const { id, ...filters } = body as Record<string, unknown>;
    if (id !== undefined) return this.users.profile((await TARGET_USER.transform({ id })).id);
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
