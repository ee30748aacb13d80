import { Module } from '@nestjs/common';
import { MembershipsAdminController } from './memberships-admin.controller.js';
import { MembershipsAdminService } from './memberships-admin.service.js';
import { MembershipsModule } from './memberships.module.js';
import { SessionRoles } from './session-roles.js';

@Module({
  imports: [MembershipsModule],
  controllers: [MembershipsAdminController],
  providers: [MembershipsAdminService, SessionRoles],
  exports: [MembershipsAdminService, SessionRoles],
})
export class MembershipsAdminModule {}
