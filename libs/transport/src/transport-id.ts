/** transportId of RedisStreamsServer (e.g. for @MessagePattern(pattern, REDIS_STREAMS_TRANSPORT)). */
export const REDIS_STREAMS_TRANSPORT = Symbol('REDIS_STREAMS');
