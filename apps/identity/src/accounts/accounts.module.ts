import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RedisStreamsClient, transportClientProvider, transportOptionsFrom } from '#libs/transport';
import { IdentityEnv } from '../config/identity-env.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { PhoneCodesModule } from '../phone/phone-codes.module.js';
import { AccountCache } from './account-cache.js';
import { AccountReadRepository } from './account-read.repository.js';
import { OwnWritesInterceptor } from './own-writes.interceptor.js';
import { AccountSummariesRepository } from './account-summaries.repository.js';
import { AccountSummariesController } from './account-summaries.controller.js';
import { AccountUpdatesController } from './account-updates.controller.js';
import { AccountUpdatesService } from './account-updates.service.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { EVENTS_CLIENT, IdentityEvents } from './identity-events.js';
import { AccountSummaryClient } from './account-summary.client.js';
import { CheckedPassword } from './checked-password.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordRestoreService } from './password-restore.service.js';
import { PaymentCustomerController } from './payment-customer.controller.js';

@Module({
  imports: [MembershipsModule, PhoneCodesModule],
  controllers: [AccountsController, AccountUpdatesController, PaymentCustomerController, AccountSummariesController],
  providers: [
    AccountsService, AccountUpdatesService, PasswordRestoreService, PasswordHasher, CheckedPassword, AccountSummaryClient, IdentityEvents, AccountReadRepository, AccountCache, AccountSummariesRepository,
    { provide: APP_INTERCEPTOR, useClass: OwnWritesInterceptor },
    transportClientProvider({ service: 'rewards', caller: 'identity', env: IdentityEnv }),
    { provide: EVENTS_CLIENT, inject: [IdentityEnv], useFactory: (env: IdentityEnv) => new RedisStreamsClient({ ...transportOptionsFrom(env), caller: 'identity' }) },
  ],
  exports: [AccountsService, PasswordHasher, CheckedPassword, IdentityEvents],
})
export class AccountsModule {}
