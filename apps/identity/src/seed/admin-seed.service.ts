import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ALL_ROLES, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { IdentityEnv, DEFAULT_ADMIN_PASSWORD } from '../config/identity-env.js';
import { IdentityEvents } from '../accounts/identity-events.js';
import { PasswordHasher } from '../accounts/password-hasher.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { normalizeEmail, userUrn } from '../accounts/user-id.js';
import { MembershipsRepository } from '../memberships/memberships.repository.js';


/**
 * First start: the first system admin (ADMIN_EMAIL / ADMIN_PASSWORD), activated, with every
 * role in the system participant. Idempotent and safe with several replicas (ON CONFLICT DO
 * NOTHING); an existing admin keeps its password and roles. Runs after the migrations
 * (onApplicationBootstrap follows every onModuleInit). The participant row belongs to
 * participants-billing, which seeds participant 1. The admin is announced (user.profile) at every
 * start, as any account is at creation: rewards and certificates know it (an idempotent upsert).
 */
@Injectable()
export class AdminSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly users: UsersRepository,
    private readonly memberships: MembershipsRepository,
    private readonly env: IdentityEnv,
    private readonly hasher: PasswordHasher,
    private readonly events: IdentityEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = normalizeEmail(this.env.ADMIN_EMAIL);
    const id = userUrn('email', email);
    const existing = await this.users.existsById(id);
    if (!existing) {
      if (this.env.ADMIN_PASSWORD === DEFAULT_ADMIN_PASSWORD) {
        this.logger.warn(`ADMIN_PASSWORD is not set: the first admin ${email} gets the default password; change it`);
      }
      const passwordHash = await this.hasher.hash(this.env.ADMIN_PASSWORD);
      await this.users.insertIfAbsent({ id, regType: 'email', email, passwordHash, firstName: 'Admin', activatedAt: new Date() });
    }
    await this.memberships.insertIfAbsent(id, SYSTEM_PARTICIPANT_ID, [...ALL_ROLES]);
    await this.events.userProfile(await this.users.findByIdOrFail(id));
    if (!existing) this.logger.log(`first admin ${email} ready in ${SYSTEM_PARTICIPANT_ID}`);
  }
}
