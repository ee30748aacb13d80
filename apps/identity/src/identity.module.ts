import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module.js';
import { IdentityConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { MailModule } from './mail/mail.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SeedModule } from './seed/seed.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { SecurityModule } from './security/security.module.js';
import { SmsModule } from './sms/sms.module.js';
import { PhoneModule } from './phone/phone.module.js';
import { DevicesModule } from './devices/devices.module.js';
import { GeoModule } from './geo/geo.module.js';
import { PushModule } from './push/push.module.js';
import { AuditTrailModule } from './audit/audit-trail.module.js';

@Module({
  imports: [IdentityConfigModule, DatabaseModule, RedisModule, MailModule, AccountsModule, SessionsModule, SeedModule,
    LifecycleModule, SecurityModule, SmsModule, PhoneModule, DevicesModule, GeoModule, PushModule, AuditTrailModule],
})
export class IdentityModule {}
