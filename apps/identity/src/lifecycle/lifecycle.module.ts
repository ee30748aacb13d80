import { Module } from '@nestjs/common';
import { BlocksModule } from '../blocks/blocks.module.js';
import { MembershipsAdminModule } from '../memberships/memberships-admin.module.js';
import { MergedAccountsModule } from '../merge/merged-accounts.js';
import { OAuthModule } from '../oauth/oauth.module.js';
import { MergeModule } from '../merge/merge.module.js';
import { PendingParticipantsModule } from '../pending-participants/pending-participants.module.js';
import { UsersAdminModule } from '../users-admin/users-admin.module.js';

/** Blocks, memberships admin, OAuth, merge, pending participants and users admin. */
@Module({ imports: [MergedAccountsModule, BlocksModule, MembershipsAdminModule, OAuthModule, MergeModule, PendingParticipantsModule,
    UsersAdminModule] })
export class LifecycleModule {}
