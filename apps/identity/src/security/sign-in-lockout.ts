import { Injectable } from '@nestjs/common';
import { IdentityEnv } from '../config/identity-env.js';
import { RateLimiter } from './rate-limiter.js';
import { SecurityError, securityError } from './security-errors.js';

const accountKey = (login: string) => `signin-fail:acct:${login.toLowerCase()}`;
const ipKey = (ip: string) => `signin-fail:ip:${ip}`;

/** A place taken for one password check; a failed check simply keeps it (it counts as a failure). */
export interface SignInAttempt {
  /** The password was right: the login's count is cleared and the IP's place given back. */
  succeeded(): Promise<void>;
  /** The password was never checked (overload): both places are given back. */
  abandoned(): Promise<void>;
}

/**
 * Brute-force protection of password checks: SIGNIN_MAX_FAILURES_PER_ACCOUNT failures for one
 * login (or SIGNIN_MAX_FAILURES_PER_IP from one IP) within SIGNIN_LOCKOUT_SECONDS lock further
 * attempts until that window ends, even with the right password. A place is reserved atomically
 * before the password is checked, so N parallel attempts get at most the limit of checks.
 */
@Injectable()
export class SignInLockout {
  constructor(private readonly limiter: RateLimiter, private readonly env: IdentityEnv) {}

  /** Takes a place for the login (and the IP when known) or throws 429 with Retry-After. */
  async reserve(login: string, ip: string | undefined): Promise<SignInAttempt> {
    const window = this.env.SIGNIN_LOCKOUT_SECONDS;
    const account = accountKey(login);
    const byAccount = await this.limiter.reserve(account, this.env.SIGNIN_MAX_FAILURES_PER_ACCOUNT, window);
    if (!byAccount.allowed) throw securityError(SecurityError.TooManySignInFailures, byAccount.retryAfter);
    const address = ip ? ipKey(ip) : undefined;
    if (address) {
      const byIp = await this.limiter.reserve(address, this.env.SIGNIN_MAX_FAILURES_PER_IP, window);
      if (!byIp.allowed) {
        await this.limiter.release(account);
        throw securityError(SecurityError.TooManySignInFailures, byIp.retryAfter);
      }
    }
    return {
      succeeded: async () => {
        await Promise.all([this.limiter.reset(account), address ? this.limiter.release(address) : undefined]);
      },
      abandoned: async () => {
        await Promise.all([this.limiter.release(account), address ? this.limiter.release(address) : undefined]);
      },
    };
  }

  /** Clears a login's failures (its password was just set by a verified owner). */
  async clear(login: string): Promise<void> {
    await this.limiter.reset(accountKey(login));
  }
}
