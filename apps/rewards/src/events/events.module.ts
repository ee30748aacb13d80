import { Module } from '@nestjs/common';
import { RedisStreamsClient, transportOptionsFrom } from '#libs/transport';
import { RewardsEnv } from '../config/rewards-env.js';

/** The client every rewards event goes out with (user stats, pushes, account summaries). */
export const EVENTS_CLIENT = Symbol('rewards.events-client');

/**
 * One event client for the app, closed by Nest after the emitters of the modules importing this
 * one have flushed (an imported module's shutdown hooks run after its importers').
 */
@Module({
  providers: [{ provide: EVENTS_CLIENT, inject: [RewardsEnv], useFactory: (env: RewardsEnv) => new RedisStreamsClient({ ...transportOptionsFrom(env), caller: 'rewards' }) }],
  exports: [EVENTS_CLIENT],
})
export class RewardsEventsModule {}
