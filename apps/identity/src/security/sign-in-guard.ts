import { Injectable } from '@nestjs/common';
import { IdentityEnv } from '../config/identity-env.js';
import { RateLimiter } from './rate-limiter.js';
import { SecurityError, securityError } from './security-errors.js';

const accountKey = (login: string) => `signin-fail:acct:${login.toLowerCase()}`;
const ipKey = (ip: string) => `signin-fail:ip:${ip}`;

/**
 * Brute-force protection of password checks: SIGNIN_MAX_FAILURES_PER_ACCOUNT failures for one
 * login (or SIGNIN_MAX_FAILURES_PER_IP from one IP) within SIGNIN_LOCKOUT_SECONDS lock further
 * attempts until that window ends, even with the right password. A success clears the login's count.
 */
@Injectable()
export class SignInGuard {
  constructor(private readonly limiter: RateLimiter, private readonly env: IdentityEnv) {}

  async assertNotLocked(login: string, ip: string | undefined): Promise<void> {
    const checks = [this.limiter.check(accountKey(login), this.env.SIGNIN_MAX_FAILURES_PER_ACCOUNT)];
    if (ip) checks.push(this.limiter.check(ipKey(ip), this.env.SIGNIN_MAX_FAILURES_PER_IP));
    const locked = (await Promise.all(checks)).filter((d) => !d.allowed);
    if (locked.length > 0) {
      throw securityError(SecurityError.TooManySignInFailures, Math.max(...locked.map((d) => d.retryAfter)));
    }
  }

  async recordFailure(login: string, ip: string | undefined): Promise<void> {
    const window = this.env.SIGNIN_LOCKOUT_SECONDS;
    await Promise.all([
      this.limiter.hit(accountKey(login), this.env.SIGNIN_MAX_FAILURES_PER_ACCOUNT, window),
      ip ? this.limiter.hit(ipKey(ip), this.env.SIGNIN_MAX_FAILURES_PER_IP, window) : undefined,
    ]);
  }

  async recordSuccess(login: string): Promise<void> {
    await this.limiter.reset(accountKey(login));
  }
}
