import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RedisClient } from '#libs/redis';
import { TicketStore } from '#libs/session';
import { IdentityEnv } from '../config/identity-env.js';
import { MailPort } from '../mail/mail.port.js';
import { restoreMail } from '../mail/restore-mail.js';
import { REDIS } from '../redis/redis.module.js';
import { sha256 } from '../security/codes.js';
import { RequestLimits } from '../security/request-limits.js';
import { SignInLockout } from '../security/sign-in-lockout.js';
import { AccountError, accountError } from './account-errors.js';
import { loginOf } from './account-views.js';
import { AccountsService } from './accounts.service.js';
import { ActivationsRepository } from './activations.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { newActivationCode } from './secrets.js';
import { UsersRepository } from './users.repository.js';
import { Transactions } from '../database/transactions.js';

export const RESTORE_MAIL_SENT = 'Mail has been send';
const restoreKey = (code: string) => `restore:${sha256(code)}`;
const CODE_SHAPE = /^[A-Za-z0-9_-]{20,64}$/;

/**
 * Password restore by email: a random code (192 bits) mailed to the user, kept in Redis only as
 * its sha256 (looked up by that hash, so no comparison of the secret itself happens), valid for
 * RESTORE_CODE_TTL_SECONDS and consumed atomically (GETDEL) by its first use.
 */
@Injectable()
export class PasswordRestoreService {
  private readonly logger = new Logger(PasswordRestoreService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly activations: ActivationsRepository,
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly env: IdentityEnv,
    private readonly accounts: AccountsService,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailPort,
    private readonly tickets: TicketStore,
    private readonly limits: RequestLimits,
    private readonly lockout: SignInLockout,
  ) {}

  /** Same answer whether or not the email has an account (no user enumeration). */
  async request(email: string, ip: string | undefined): Promise<string> {
    await this.limits.codeRequestFromIp(ip);
    await this.limits.restoreMail(email);
    const user = await this.accounts.findByEmail(email);
    if (!user?.email) return RESTORE_MAIL_SENT;
    const code = newActivationCode();
    await this.redis.set(restoreKey(code), user.id, 'EX', this.env.RESTORE_CODE_TTL_SECONDS);
    try {
      await this.mail.send(restoreMail(user.email, code, Math.round(this.env.RESTORE_CODE_TTL_SECONDS / 60)));
    } catch (error) {
      this.logger.error(`restore mail to ${user.id} failed: ${(error as Error).message}`);
    }
    return RESTORE_MAIL_SENT;
  }

  /** Sets the new password, activates the account (the mail proved the address) and ends all sessions. */
  async restore(code: string, password: string) {
    const userId = CODE_SHAPE.test(code) ? await this.redis.getdel(restoreKey(code)) : null;
    if (!userId) throw accountError(AccountError.RestoreCodeUnknown);
    const passwordHash = await this.hasher.hash(password);
    const user = await this.transactions.run(async (tx) => {
      const found = await this.users.findById(userId, tx);
      if (!found) return null;
      await this.users.update(userId, { passwordHash, ...(found.activatedAt ? {} : { activatedAt: new Date() }) }, tx);
      await this.activations.deleteForUser(tx, userId);
      return found;
    });
    if (!user) throw accountError(AccountError.RestoreCodeUnknown);
    await this.tickets.revokeAllFor(userId);
    await this.lockout.clear(loginOf(user));
    return this.accounts.accountAnswer(userId);
  }
}
