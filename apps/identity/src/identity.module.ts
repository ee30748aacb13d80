import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module.js';
import { IdentityConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { MailModule } from './mail/mail.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SeedModule } from './seed/seed.module.js';
import { SessionsModule } from './sessions/sessions.module.js';

@Module({
  imports: [IdentityConfigModule, DatabaseModule, RedisModule, MailModule, AccountsModule, SessionsModule, SeedModule],
})
export class IdentityModule {}
