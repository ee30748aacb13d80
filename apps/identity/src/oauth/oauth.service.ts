import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { SessionView } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { IdentityEvents } from '../accounts/identity-events.js';
import type { SessionOrigin } from '#libs/session';
import type { UserEntity } from '../accounts/user.entity.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { userUrn } from '../accounts/user-id.js';
import { MergedAccounts } from '../merge/merged-accounts.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { OAuthError, oauthError } from './oauth-errors.js';
import { OAUTH_SERVICES, type OAuthProfile, type OAuthServiceName } from './oauth-profile.js';
import { OAuthProviders } from './oauth-providers.js';
import { type OAuthDto } from '#libs/contracts';

export interface OAuthSessionView extends Omit<SessionView, 'modules'> { new_user: boolean; merged_user: boolean; ticket: string }

/** Sign-in (and first-time registration) with a provider's token; answers a session like sign-in. */
@Injectable()
export class OAuthService {
  private readonly logger = new Logger('OAuth');

  constructor(
    private readonly users: UsersRepository,
    private readonly providers: OAuthProviders,
    private readonly events: IdentityEvents,
    private readonly merged: MergedAccounts,
    private readonly moduleRef: ModuleRef,
  ) {}

  async signIn(dto: OAuthDto, origin: SessionOrigin = {}): Promise<OAuthSessionView> {
    const service = dto.service as OAuthServiceName;
    if (!OAUTH_SERVICES.includes(service)) throw oauthError(OAuthError.UnknownService);
    const profile = await this.providers.get(service).profile({ ...dto, access_token: dto.access_token ?? dto.token });
    const { user, created } = await this.findOrCreate(service, profile, dto);
    const primary = await this.merged.primaryOf(user.id);
    const target = primary ?? user;
    if (target.blockedAt) throw DomainError.forbidden('User is blocked', 'identity.session.user_blocked');
    // SessionsService is not exported by its module; one session shape for every sign-in.
    const session = await this.moduleRef.get(SessionsService, { strict: false }).openSession(target, origin);
    if (created) {
      this.logger.log({ msg: 'oauth account created', userId: user.id, service });
      await this.events.userProfile(user);
    }
    // The documented OAuth answer is the session without `modules` (issue 11: shapes as the examples).
    const { modules: _modules, ...shown } = session;
    return { ...shown, new_user: created, merged_user: primary !== null, ticket: session.ticket! };
  }

  private async findOrCreate(service: OAuthServiceName, p: OAuthProfile, dto: OAuthDto): Promise<{ user: UserEntity; created: boolean }> {
    const id = userUrn(service, p.externalId);
    const created = await this.users.insertOAuthUser({
      id, regType: service, email: p.email?.trim().toLowerCase() ?? null, firstName: p.firstName ?? null, lastName: p.lastName ?? null,
      gender: p.gender ?? null, birthdate: p.birthdate ?? null, photo: p.photo ?? null, country: dto.country ?? null,
      language: dto.language ?? p.language ?? null,
    });
    const user = await this.users.findByIdOrFail(id);
    return { user, created };
  }
}
