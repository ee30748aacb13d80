import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '#libs/redis';
import { IdentityEnv } from '../config/identity-env.js';
import { REDIS } from '../redis/redis.module.js';
import { SmsPort } from '../sms/sms.port.js';
import { matchesHash, newNumericCode, sha256 } from '../security/codes.js';

/** activation: phone account sign-up; reset: phone password reset; verify: phone of a signed-in user's profile. */
export type PhoneCodePurpose = 'activation' | 'reset' | 'verify';

const key = (purpose: PhoneCodePurpose, subject: string) => `phone-code:${purpose}:${subject}`;
// Counts a wrong guess on a code that still exists (never recreates an expired one) and burns it at the limit.
const WRONG_GUESS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local n = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if n >= tonumber(ARGV[1]) then redis.call('DEL', KEYS[1]) end
return n`;
const TEXT: Record<PhoneCodePurpose, string> = {
  activation: 'Your activation code is',
  reset: 'Your password reset code is',
  verify: 'Your phone verification code is',
};

/**
 * SMS codes in Redis, one live code per purpose and subject (phone, or user id for `verify`):
 * stored as sha256, expire after PHONE_CODE_TTL_SECONDS, single use, burnt after
 * PHONE_CODE_MAX_ATTEMPTS wrong guesses, compared in constant time. Callers apply the send limits.
 */
@Injectable()
export class PhoneCodeStore {
  constructor(@Inject(REDIS) private readonly redis: RedisClient, private readonly sms: SmsPort, private readonly env: IdentityEnv) {}

  /** A new code replaces the previous one. The code is removed again if the SMS cannot be sent. */
  async send(purpose: PhoneCodePurpose, subject: string, phone: string): Promise<void> {
    const code = newNumericCode();
    const k = key(purpose, subject);
    await this.redis.multi().del(k).hset(k, { hash: sha256(code), phone, attempts: 0 }).expire(k, this.env.PHONE_CODE_TTL_SECONDS).exec();
    try {
      await this.sms.send({ to: phone, body: `${TEXT[purpose]} ${code}` });
    } catch (error) {
      await this.redis.del(k);
      throw error;
    }
  }

  /** The phone the code was sent to when `code` is right (and consumes it), else null. */
  async verify(purpose: PhoneCodePurpose, subject: string, code: string): Promise<string | null> {
    const k = key(purpose, subject);
    const stored = await this.redis.hgetall(k);
    if (!stored.hash) return null;
    if (matchesHash(code, stored.hash)) {
      // Only the request that deletes the code wins: two concurrent right guesses cannot both pass.
      return (await this.redis.del(k)) === 1 ? stored.phone : null;
    }
    await this.redis.eval(WRONG_GUESS, 1, k, this.env.PHONE_CODE_MAX_ATTEMPTS);
    return null;
  }

  async discard(purpose: PhoneCodePurpose, subject: string): Promise<void> {
    await this.redis.del(key(purpose, subject));
  }
}
