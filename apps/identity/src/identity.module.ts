import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditTrailModule } from './audit/audit-trail.module.js';
import { BlocksModule } from './blocks/blocks.module.js';
import { IdentityConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { IdentityDataModule } from './database/identity-data.module.js';
import { DevicesModule } from './devices/devices.module.js';
import { GeoModule } from './geo/geo.module.js';
import { MailModule } from './mail/mail.module.js';
import { MembershipsAdminModule } from './memberships/memberships-admin.module.js';
import { MergeModule } from './merge/merge.module.js';
import { MergedAccountsModule } from './merge/merged-accounts.js';
import { OAuthModule } from './oauth/oauth.module.js';
import { PendingParticipantsModule } from './pending-participants/pending-participants.module.js';
import { PhoneModule } from './phone/phone.module.js';
import { PushModule } from './push/push.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SecurityModule } from './security/security.module.js';
import { SeedModule } from './seed/seed.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { SmsModule } from './sms/sms.module.js';
import { UsersAdminModule } from './users-admin/users-admin.module.js';

/** The root: the infrastructure modules and one module per feature folder. */
@Module({
  imports: [IdentityConfigModule, DatabaseModule, IdentityDataModule, RedisModule, MailModule, AccountsModule, SessionsModule, SeedModule,
    MergedAccountsModule, BlocksModule, MembershipsAdminModule, OAuthModule, MergeModule, PendingParticipantsModule, UsersAdminModule,
    SecurityModule, SmsModule, PhoneModule, DevicesModule, GeoModule, PushModule, AuditTrailModule],
})
export class IdentityModule {}
