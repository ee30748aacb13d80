import { Module } from '@nestjs/common';
import { RedisStreamsClient, transportOptionsFrom } from '#libs/transport';
import { IdentityEnv } from '../config/identity-env.js';
import { MergeController } from './merge.controller.js';
import { EVENTS_CLIENT, MergeService } from './merge.service.js';

@Module({
  controllers: [MergeController],
  providers: [
    // Events need no target service.
    { provide: EVENTS_CLIENT, inject: [IdentityEnv], useFactory: (env: IdentityEnv) => new RedisStreamsClient({ ...transportOptionsFrom(env), caller: 'identity' }) },
    MergeService,
  ],
})
export class MergeModule {}
