import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { LastAccessModule } from '../users-admin/last-access.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

@Module({
  imports: [AccountsModule, MembershipsModule, LastAccessModule],
  controllers: [SessionsController],
  providers: [SessionsService],
})
export class SessionsModule {}
