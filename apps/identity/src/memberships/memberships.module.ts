import { Module } from '@nestjs/common';
import { RedisStreamsClient } from '#libs/transport';
import { IdentityEnv } from '../config/identity-env.js';
import { MembershipsService } from './memberships.service.js';
import { BILLING_CLIENT, ParticipantDirectory } from './participant-directory.js';

@Module({
  providers: [
    {
      provide: BILLING_CLIENT, inject: [IdentityEnv],
      useFactory: (env: IdentityEnv) => new RedisStreamsClient({ url: env.REDIS_URL, service: 'participants-billing', caller: 'identity' }),
    },
    ParticipantDirectory,
    MembershipsService,
  ],
  exports: [MembershipsService, ParticipantDirectory, BILLING_CLIENT],
})
export class MembershipsModule {}
