import { Module } from '@nestjs/common';
import { transportClientProvider } from '#libs/transport';
import { IdentityEnv } from '../config/identity-env.js';
import { MembershipsService } from './memberships.service.js';
import { BILLING_CLIENT, ParticipantDirectory } from './participant-directory.js';

@Module({
  providers: [
    transportClientProvider({ service: 'participants-billing', caller: 'identity', env: IdentityEnv }),
    ParticipantDirectory,
    MembershipsService,
  ],
  exports: [MembershipsService, ParticipantDirectory, BILLING_CLIENT],
})
export class MembershipsModule {}
