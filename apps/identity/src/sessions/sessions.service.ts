import { Injectable } from '@nestjs/common';
import type { ResendTokenView, SessionInfo, SessionView, SwitchContextView } from '#libs/contracts';
import { TicketStore } from '#libs/session';
import { AccountsService } from '../accounts/accounts.service.js';
import { displayName } from '../accounts/account-views.js';
import { PasswordHasher } from '../accounts/password-hasher.js';
import type { UserEntity } from '../accounts/user.entity.js';
import { MembershipsService } from '../memberships/memberships.service.js';
import { CONSUMER_ROLES } from '../memberships/roles.js';
import { CreateSessionDto } from './dto/session.dto.js';
import { normalizeEmail } from '../accounts/user-id.js';
import { SignInGuard } from '../security/sign-in-guard.js';
import { SessionError, sessionError } from './session-errors.js';
import { MergedAccounts } from '../merge/merged-accounts.js';
import { LastAccess } from '../users-admin/last-access.js';

@Injectable()
export class SessionsService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly memberships: MembershipsService,
    private readonly hasher: PasswordHasher,
    private readonly tickets: TicketStore,
    private readonly guard: SignInGuard,
    private readonly merged: MergedAccounts,
    private readonly lastAccess: LastAccess,
  ) {}

  /** `ip` is the client IP the gateway determined; failures count per login and per IP (SignInGuard). */
  async signIn(dto: CreateSessionDto, ip?: string): Promise<SessionView | ResendTokenView> {
    const email = dto.email ?? dto.username;
    if (!email && !dto.phone) {
      throw sessionError(SessionError.LoginRequired, [{ field: 'email', errors: ['email (or username) or phone is required'] }]);
    }
    const login = email ? normalizeEmail(email) : dto.phone!;
    await this.guard.assertNotLocked(login, ip);
    const user = email ? await this.accounts.findByEmail(email) : await this.accounts.findByPhone(dto.phone!);
    // Always verify (a dummy hash for unknown users): same answer and similar time either way.
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? null, dto.password);
    if (!user || !passwordOk) {
      await this.guard.recordFailure(login, ip);
      throw sessionError(SessionError.InvalidCredentials);
    }
    await this.guard.recordSuccess(login);
    if (user.blockedAt) throw sessionError(SessionError.UserBlocked);
    if (!user.activatedAt) {
      const token = await this.accounts.resendTokenFor(user.id);
      if (!token) throw sessionError(SessionError.NotActivated);
      return { token };
    }
    await this.accounts.setLocale(user.id, dto);
    // A merged (secondary) account signs in as its primary.
    const primary = await this.merged.primaryOf(user.id);
    if (primary?.blockedAt) throw sessionError(SessionError.UserBlocked);
    if (primary) return { ...(await this.openSession(primary)), merged_user: true };
    return this.openSession(user);
  }

  /** The session of the most recently used membership, or a consumer session without one. */
  async openSession(user: UserEntity): Promise<SessionView> {
    const [current] = await this.memberships.listFor(user.id);
    const summary = current ? (await this.memberships.summaries([current.participantId])).get(current.participantId) : undefined;
    const session = {
      userId: user.id,
      name: displayName(user),
      currentParticipant: current?.participantId ?? '',
      roles: current ? [...current.roles] : [...CONSUMER_ROLES],
      modules: summary?.modules ?? [],
    };
    const ticket = await this.tickets.create(session);
    if (current) await this.memberships.touch(user.id, current.participantId);
    await this.lastAccess.signedIn(user.id);
    return { ...sessionView(session), merged_user: false, ticket };
  }

  /** The caller's session as the gateway passed it (the raw ticket never travels here). */
  current(session: SessionInfo | undefined): SessionView {
    return sessionView(requireSession(session));
  }

  async signOut(session: SessionInfo | undefined): Promise<Record<string, never>> {
    const s = requireSession(session);
    await this.tickets.revoke(s.ticketHash, s.userId);
    return {};
  }

  async switchContext(session: SessionInfo | undefined, participantId: string): Promise<SwitchContextView> {
    const s = requireSession(session);
    const all = await this.memberships.listFor(s.userId);
    const target = all.find((m) => m.participantId === participantId);
    if (!target) throw sessionError(SessionError.NotAMember);
    const summaries = await this.memberships.summaries(all.map((m) => m.participantId));
    const updated = await this.tickets.update(s.ticketHash, {
      currentParticipant: participantId,
      roles: [...target.roles],
      modules: summaries.get(participantId)?.modules ?? [],
    });
    if (!updated) throw sessionError(SessionError.NoSession);
    const now = new Date();
    await this.memberships.touch(s.userId, participantId, now);
    target.lastAccess = now;
    return {
      current_participant: participantId,
      participants: all.map((m) => this.memberships.view(m, summaries.get(m.participantId))),
    };
  }
}

function requireSession(session: SessionInfo | undefined): SessionInfo {
  if (!session) throw sessionError(SessionError.NoSession);
  return session;
}

function sessionView(s: Pick<SessionInfo, 'userId' | 'name' | 'currentParticipant' | 'roles' | 'modules'>): SessionView {
  return {
    ...(s.currentParticipant ? { current_participant: s.currentParticipant } : {}),
    id: s.userId,
    modules: s.modules,
    name: s.name,
    roles: s.roles,
  };
}
