import { Injectable } from '@nestjs/common';
import { IdentityEnv } from '../config/identity-env.js';
import { RateLimiter } from './rate-limiter.js';
import { SecurityError, securityError } from './security-errors.js';

const HOUR = 3600;

/** The named limits of identity's public endpoints; each throws 429 with Retry-After when used up. */
@Injectable()
export class RequestLimits {
  constructor(private readonly limiter: RateLimiter, private readonly env: IdentityEnv) {}

  /** Any endpoint that sends a code (SMS or mail), per client IP. */
  codeRequestFromIp(ip: string | undefined): Promise<void> {
    return this.enforce(`code-ip:${ip || 'unknown'}`, this.env.CODE_REQUESTS_PER_IP_PER_HOUR, HOUR);
  }

  smsToPhone(phone: string): Promise<void> {
    return this.enforce(smsPhoneKey(phone), this.env.SMS_CODES_PER_PHONE_PER_HOUR, HOUR);
  }

  /** Phone verification SMS of a signed-in user; a sys-admin can lift it (user/verifications/phone/reset). */
  phoneVerificationOfUser(userId: string): Promise<void> {
    return this.enforce(phoneVerificationKey(userId), this.env.SMS_CODES_PER_PHONE_PER_HOUR, HOUR);
  }

  restoreMail(email: string): Promise<void> {
    return this.enforce(`restore-mail:${email.toLowerCase()}`, this.env.RESTORE_MAILS_PER_EMAIL_PER_HOUR, HOUR);
  }

  accountCheckFromIp(ip: string | undefined): Promise<void> {
    return this.enforce(`account-check-ip:${ip || 'unknown'}`, this.env.ACCOUNT_CHECKS_PER_IP_PER_MINUTE, 60);
  }

  /** Lifts the verification blocking of a user: its own SMS limit and that of its phone. */
  resetPhoneVerification(userId: string, phone: string | null): Promise<void> {
    return this.limiter.reset(phoneVerificationKey(userId), ...(phone ? [smsPhoneKey(phone)] : []));
  }

  private async enforce(key: string, limit: number, windowSeconds: number): Promise<void> {
    const decision = await this.limiter.hit(key, limit, windowSeconds);
    if (!decision.allowed) throw securityError(SecurityError.TooManyRequests, decision.retryAfter);
  }
}

const phoneVerificationKey = (userId: string) => `phone-verify-send:${userId}`;
const smsPhoneKey = (phone: string) => `sms-phone:${phone}`;
