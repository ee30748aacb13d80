import { Module } from '@nestjs/common';
import { BlocksModule } from '../blocks/blocks.module.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { FrequentTrigrams } from './frequent-trigrams.js';
import { UserStatsService } from './user-stats.service.js';
import { UsersAdminController } from './users-admin.controller.js';
import { UsersAdminService } from './users-admin.service.js';

@Module({ imports: [BlocksModule, MembershipsModule], controllers: [UsersAdminController], providers: [UsersAdminService, UserStatsService, FrequentTrigrams] })
export class UsersAdminModule {}
