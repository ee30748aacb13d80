import { Module } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { MembershipsAdminModule } from '../memberships/memberships-admin.module.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { PendingParticipantEnv } from './pending-env.js';
import { PendingParticipantsController } from './pending-participants.controller.js';
import { PendingParticipantsService } from './pending-participants.service.js';

@Module({
  imports: [MembershipsModule, MembershipsAdminModule],
  controllers: [PendingParticipantsController],
  providers: [{ provide: PendingParticipantEnv, useFactory: () => loadConfig(PendingParticipantEnv) }, PendingParticipantsService],
  exports: [PendingParticipantsService],
})
export class PendingParticipantsModule {}
