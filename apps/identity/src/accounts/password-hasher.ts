import { Injectable, OnModuleInit } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { argon2id, hash, needsRehash, verify } from 'argon2';
import { IdentityEnv } from '../config/identity-env.js';
import { AdmissionRefused, FairAdmission } from '../security/fair-admission.js';
import { SecurityError, securityError } from '../security/security-errors.js';

/** Who asked, for fair admission: the client IP, or a fixed name for work without one. */
export type HashClient = string | undefined;

/**
 * Checks of unknown logins (against the dummy hash) share one line, whatever their IP: a flood of
 * made-up emails from any number of addresses gets one turn in every round, and real accounts
 * keep theirs. (That unknown logins may wait longer under such a flood tells no more than
 * POST /account/check already does.)
 */
export const UNKNOWN_LOGIN_LINE = '(unknown login)';

/**
 * argon2id with the parameters of PASSWORD_HASH_* (OWASP-level defaults chosen by
 * bench/signin.mjs). Every hash and verification passes a fair admission line
 * (PASSWORD_CHECK_*, one line per client IP, one for all unknown logins): a flood of sign-ins
 * waits behind itself, and what cannot be served soon
 * is refused with 503 and Retry-After instead of piling up into gateway timeouts.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private readonly params: { memoryCost: number; timeCost: number; parallelism: number };
  private readonly admission: FairAdmission;
  private dummy?: Promise<string>;

  constructor(private readonly env: IdentityEnv) {
    this.params = { memoryCost: env.PASSWORD_HASH_MEMORY_KIB, timeCost: env.PASSWORD_HASH_TIME_COST, parallelism: env.PASSWORD_HASH_PARALLELISM };
    this.admission = new FairAdmission({
      concurrency: env.PASSWORD_CHECK_CONCURRENCY || availableParallelism(),
      maxQueued: env.PASSWORD_CHECK_QUEUE_MAX,
      maxQueuedPerKey: env.PASSWORD_CHECK_QUEUE_PER_CLIENT,
      maxWaitMs: env.PASSWORD_CHECK_MAX_WAIT_MS,
    });
  }

  /** The dummy hash is made at start, so the first unknown login costs what a real one does. */
  async onModuleInit(): Promise<void> {
    await this.dummyHash();
  }

  hash(password: string, client?: HashClient): Promise<string> {
    return this.admitted(client, () => hash(password, { type: argon2id, ...this.params }));
  }

  async verify(stored: string | null, password: string, client?: HashClient): Promise<boolean> {
    // Same work for an unknown user as for a real check, so they cannot be told apart by timing.
    const digest = stored ?? await this.dummyHash();
    const ok = await this.admitted(stored === null ? UNKNOWN_LOGIN_LINE : client, () => verify(digest, password).catch(() => false));
    return stored !== null && ok;
  }

  /** Whether a stored hash was made with other parameters than the configured ones (it is replaced at the next sign-in). */
  needsRehash(stored: string): boolean {
    try {
      return needsRehash(stored, this.params);
    } catch {
      return false; // not an argon2 hash we can read: verify() refuses it anyway
    }
  }

  private async admitted<T>(client: HashClient, work: () => Promise<T>): Promise<T> {
    try {
      return await this.admission.run(client || 'internal', work);
    } catch (error) {
      if (error instanceof AdmissionRefused) throw securityError(SecurityError.PasswordChecksBusy, 1);
      throw error;
    }
  }

  private dummyHash(): Promise<string> {
    this.dummy ??= hash('not-a-real-password', { type: argon2id, ...this.params });
    return this.dummy;
  }
}
