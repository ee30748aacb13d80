import type { RedisClient } from '#libs/redis';

/**
 * Per delivery key: taken when free (SET NX with a TTL) or already this owner's (a retry, or the
 * same job run again after a crash); answers 1 (deliver) or 0 (someone else has it) per key.
 */
const CLAIM = `
local out = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[1], 'NX', 'EX', ARGV[2]) then out[i] = 1
  elseif redis.call('GET', key) == ARGV[1] then out[i] = 1
  else out[i] = 0 end
end
return out`;

type Claiming = RedisClient & { claimPushDeliveries(keyCount: number, ...keysAndArgs: (string | number)[]): Promise<number[]> };

/**
 * One delivery per device per message: each delivery is claimed under `<prefix>push-sent:<delivery id>`
 * for `ttlSeconds` before it is sent; a redelivered or re-emitted push finds it taken. All keys of
 * a job in one script (they share the prefix's hash tag, so one slot on a Cluster).
 */
export class PushClaims {
  constructor(private readonly redis: RedisClient, private readonly prefix: string, private readonly ttlSeconds: number) {
    if (!('claimPushDeliveries' in redis)) redis.defineCommand('claimPushDeliveries', { lua: CLAIM });
  }

  /** Which of `ids` are `owner`'s to deliver. */
  async claim(ids: string[], owner: string): Promise<boolean[]> {
    if (ids.length === 0) return [];
    const keys = ids.map((id) => `${this.prefix}:push-sent:${id}`);
    const answers = await (this.redis as Claiming).claimPushDeliveries(keys.length, ...keys, owner, this.ttlSeconds);
    return answers.map((a) => a === 1);
  }
}
