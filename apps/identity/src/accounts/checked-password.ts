import { Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorKind } from '#libs/errors';
import { SignInLockout } from '../security/sign-in-lockout.js';
import { PasswordHasher } from './password-hasher.js';
import type { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

/**
 * A password check under the sign-in lockout: a place is reserved for the login and the IP
 * before the (slow) check (429 when there is none), kept as a failure when the password is
 * wrong, given back when it is right or when the check could not run (503, busy).
 */
@Injectable()
export class CheckedPassword {
  private readonly logger = new Logger('Passwords');

  constructor(
    private readonly users: UsersRepository,
    private readonly lockout: SignInLockout,
    private readonly hasher: PasswordHasher,
  ) {}

  /** `user` null: an unknown login, checked against a dummy hash all the same. */
  async check(login: string, ip: string | undefined, user: UserEntity | null, password: string): Promise<boolean> {
    const attempt = await this.lockout.reserve(login, ip);
    let ok: boolean;
    try {
      ok = await this.hasher.verify(user?.passwordHash ?? null, password, ip);
    } catch (error) {
      await attempt.abandoned();
      throw error;
    }
    if (!ok || !user) return false;
    await attempt.succeeded();
    await this.upgradeHash(user, password, ip);
    return true;
  }

  /** A hash made with other parameters than the configured ones is replaced now that the password is known. */
  private async upgradeHash(user: UserEntity, password: string, ip: string | undefined): Promise<void> {
    if (!user.passwordHash || !this.hasher.needsRehash(user.passwordHash)) return;
    try {
      const fresh = await this.hasher.hash(password, ip);
      // Only if the password was not changed meanwhile.
      await this.users.replacePasswordHash(user.id, user.passwordHash, fresh);
      user.passwordHash = fresh;
    } catch (error) {
      // Busy or failed: the old hash still works, the next sign-in tries again.
      if (!(error instanceof DomainError && error.kind === ErrorKind.Unavailable)) {
        this.logger.warn({ msg: 'password hash not upgraded', userId: user.id, error: (error as Error).name });
      }
    }
  }
}
