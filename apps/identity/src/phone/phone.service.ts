import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '#libs/redis';
import { TicketStore } from '#libs/session';
import { type AuditActor, AuditRecorder } from '#libs/audit';
import { AuditAction, SMS_CODE_PATTERN, ResetPasswordDto, SendCodeDto, VerifyCodeDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { AccountError, accountError } from '../accounts/account-errors.js';
import { profileView } from '../accounts/account-views.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { PasswordHasher } from '../accounts/password-hasher.js';
import type { UserEntity } from '../accounts/user.entity.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { IdentityEnv } from '../config/identity-env.js';
import { Transactions } from '../database/transactions.js';
import { REDIS } from '../redis/redis.module.js';
import { sha256 } from '../security/codes.js';
import { RequestLimits } from '../security/request-limits.js';
import { SignInLockout } from '../security/sign-in-lockout.js';
import { type PhoneCodePurpose, PhoneCodeStore } from './phone-code.store.js';
import { PhoneError, phoneError } from './phone-errors.js';

const resetTicketKey = (ticket: string) => `phone-reset:${sha256(ticket)}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Phone accounts (activation, password reset by SMS) and the phone verification of any profile. */
@Injectable()
export class PhoneService {
  private readonly logger = new Logger(PhoneService.name);
  constructor(
    private readonly users: UsersRepository,
    private readonly transactions: Transactions,
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly env: IdentityEnv,
    private readonly accounts: AccountsService,
    private readonly codes: PhoneCodeStore,
    private readonly limits: RequestLimits,
    private readonly hasher: PasswordHasher,
    private readonly tickets: TicketStore,
    private readonly lockout: SignInLockout,
    private readonly audit: AuditRecorder,
  ) {}

  /** Same empty answer whether or not the phone has an account (no user enumeration); the limits count every request. */
  async sendCode(dto: SendCodeDto, ip: string | undefined): Promise<Record<string, never>> {
    await this.limits.codeRequestFromIp(ip);
    await this.limits.smsToPhone(dto.phone);
    const purpose: PhoneCodePurpose = dto.reset_password ? 'reset' : 'activation';
    const user = await this.accounts.findByPhone(dto.phone);
    if (!user || (purpose === 'activation' && user.activatedAt)) return {};
    await this.sendOrFail(purpose, dto.phone, dto.phone);
    return {};
  }

  async verifyCode(dto: VerifyCodeDto) {
    const purpose: PhoneCodePurpose = dto.reset_password ? 'reset' : 'activation';
    const phone = await this.codes.verify(purpose, dto.phone, dto.code);
    const user = phone ? await this.accounts.findByPhone(phone) : null;
    if (!user) throw phoneError(PhoneError.CodeUnknown);
    if (purpose === 'reset') {
      const ticket = randomUUID();
      await this.redis.set(resetTicketKey(ticket), user.id, 'EX', this.env.PHONE_RESET_TICKET_TTL_SECONDS);
      return { ticket };
    }
    await this.users.update(user.id, { activatedAt: user.activatedAt ?? new Date(), phoneVerified: true });
    return { id: user.id, ...profileView(user), phone_verified: true };
  }

  /** The one-time ticket comes in the body or the authenticateit_identity_ticket header; it is spent even when the rest is wrong. */
  async resetPassword(dto: ResetPasswordDto, headers: Record<string, string> | undefined): Promise<Record<string, never>> {
    const ticket = dto.ticket ?? headers?.['authenticateit_identity_ticket'] ?? headers?.['authenticateit-identity-ticket'];
    const userId = ticket && UUID.test(ticket) ? await this.redis.getdel(resetTicketKey(ticket)) : null;
    const user = userId ? await this.accounts.findById(userId) : null;
    if (!user || user.phone !== dto.phone) throw phoneError(PhoneError.ResetTicketInvalid);
    await this.users.update(user.id, {
      passwordHash: await this.hasher.hash(dto.password), activatedAt: user.activatedAt ?? new Date(), phoneVerified: true,
    });
    await this.tickets.revokeAllFor(user.id);
    await this.lockout.clear(dto.phone);
    return {};
  }

  /** Does nothing when the profile has no phone (doc). */
  async sendVerification(userId: string, ip: string | undefined): Promise<Record<string, never>> {
    const user = await this.mustFind(userId);
    if (!user.phone) return {};
    await this.limits.codeRequestFromIp(ip);
    await this.limits.phoneVerificationOfUser(userId);
    await this.limits.smsToPhone(user.phone);
    await this.sendOrFail('verify', userId, user.phone);
    return {};
  }

  async verifyVerification(userId: string, code: string) {
    if (!SMS_CODE_PATTERN.test(code)) throw DomainError.invalid('Invalid request', [{ field: 'code', errors: ['code must be the digits from the SMS'] }]);
    const phone = await this.codes.verify('verify', userId, code);
    const user = await this.mustFind(userId);
    // A code sent to the old number does not verify a number changed since.
    if (!phone || user.phone !== phone) throw phoneError(PhoneError.CodeUnknown);
    await this.users.update(userId, { phoneVerified: true });
    return { ...profileView(user), phone_verified: true };
  }

  /** sys-admin: lifts the verification SMS limits of a user (and its phone) and drops its pending code. */
  /** The counters live in Redis: audited once they are reset (not in one transaction with them). */
  async resetVerification(userId: string, actor: AuditActor): Promise<Record<string, never>> {
    const user = await this.mustFind(userId);
    await this.limits.resetPhoneVerification(userId, user.phone);
    await this.codes.discard('verify', userId);
    await this.audit.record(this.transactions.autocommit, actor, AuditAction.PhoneVerificationReset, { target: userId, before: null, after: { phone_verification_limits: 'reset' } });
    return {};
  }

  private async sendOrFail(purpose: PhoneCodePurpose, subject: string, phone: string): Promise<void> {
    try {
      await this.codes.send(purpose, subject, phone);
    } catch (error) {
      this.logger.error(`${purpose} SMS to ${subject} failed: ${(error as Error).message}`);
      throw phoneError(PhoneError.SmsUnavailable);
    }
  }

  private async mustFind(userId: string): Promise<UserEntity> {
    const user = await this.accounts.findById(userId);
    if (!user) throw accountError(AccountError.UserNotFound);
    return user;
  }
}
