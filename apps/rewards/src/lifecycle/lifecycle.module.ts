import { Module } from '@nestjs/common';
import { transportClientProvider } from '#libs/transport';
import { RewardsEnv } from '../config/rewards-env.js';
import { ParticipantLifecycleController } from './participant-lifecycle.controller.js';

@Module({
  controllers: [ParticipantLifecycleController],
  providers: [transportClientProvider({ service: 'participants-billing', caller: 'rewards', env: RewardsEnv, timeoutMs: 5000 })],
})
export class LifecycleModule {}
