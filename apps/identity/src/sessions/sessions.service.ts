import { Injectable } from '@nestjs/common';
import type { ResendTokenView, SessionInfo, SessionListView, SessionView, SwitchContextView } from '#libs/contracts';
import { type SessionOrigin, TicketStore } from '#libs/session';
import { AccountsService } from '../accounts/accounts.service.js';
import { displayName } from '../accounts/account-views.js';
import { CheckedPassword } from '../accounts/checked-password.js';
import type { UserEntity } from '../accounts/user.entity.js';
import { MembershipsService } from '../memberships/memberships.service.js';
import { CONSUMER_ROLES } from '../memberships/roles.js';
import { normalizeEmail } from '../accounts/user-id.js';
import { SessionError, sessionError } from './session-errors.js';
import { MergedAccounts } from '../merge/merged-accounts.js';
import { LastAccess } from '../users-admin/last-access.js';
import { CreateSessionDto } from '#libs/contracts';

@Injectable()
export class SessionsService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly memberships: MembershipsService,
    private readonly password: CheckedPassword,
    private readonly tickets: TicketStore,
    private readonly merged: MergedAccounts,
    private readonly lastAccess: LastAccess,
  ) {}

  /** `origin.ip` is the client IP the gateway determined; failures count per login and per IP (SignInLockout). */
  async signIn(dto: CreateSessionDto, origin: SessionOrigin = {}): Promise<SessionView | ResendTokenView> {
    const ip = origin.ip;
    const email = dto.email ?? dto.username;
    if (!email && !dto.phone) {
      throw sessionError(SessionError.LoginRequired, [{ field: 'email', errors: ['email (or username) or phone is required'] }]);
    }
    const login = email ? normalizeEmail(email) : dto.phone!;
    const user = email ? await this.accounts.findByEmail(email) : await this.accounts.findByPhone(dto.phone!);
    // Always checked (a dummy hash for unknown users): same answer and similar time either way.
    if (!(await this.password.check(login, ip, user, dto.password)) || !user) throw sessionError(SessionError.InvalidCredentials);
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
    if (primary) return { ...(await this.openSession(primary, origin)), merged_user: true };
    return this.openSession(user, origin);
  }

  /** The session of the most recently used membership, or a consumer session without one. */
  async openSession(user: UserEntity, origin: SessionOrigin = {}): Promise<SessionView> {
    const [current] = await this.memberships.listFor(user.id);
    const summary = current ? (await this.memberships.summaries([current.participantId])).get(current.participantId) : undefined;
    const session = {
      userId: user.id,
      name: displayName(user),
      currentParticipant: current?.participantId ?? '',
      roles: current ? [...current.roles] : [...CONSUMER_ROLES],
      modules: summary?.modules ?? [],
    };
    const ticket = await this.tickets.create({ ...session, ...origin });
    if (current) await this.memberships.touch(user.id, current.participantId);
    await this.lastAccess.signedIn(user.id);
    return { ...sessionView(session), merged_user: false, ticket };
  }

  /** The caller's session as the gateway passed it (the raw ticket never travels here). */
  current(session: SessionInfo): SessionView {
    return sessionView(session);
  }

  async signOut(s: SessionInfo): Promise<Record<string, never>> {
    await this.tickets.revoke(s.ticketHash, s.userId);
    return {};
  }

  /** The caller's live sessions, newest first; `current` marks the one the request came with. */
  async list(s: SessionInfo): Promise<SessionListView> {
    const listed = await this.tickets.listFor(s.userId);
    return {
      sessions: listed.map((l) => ({
        id: l.sessionId,
        created_at: l.createdAt,
        last_seen_at: l.lastSeenAt,
        ip: l.ip ?? null,
        user_agent: l.userAgent ?? null,
        current: l.ticketHash === s.ticketHash,
      })),
    };
  }

  /** Ends one of the caller's own sessions; any other id (another user's, unknown, malformed) is 404. */
  async end(s: SessionInfo, sessionId: unknown): Promise<Record<string, never>> {
    const target = typeof sessionId === 'string'
      ? (await this.tickets.listFor(s.userId)).find((l) => l.sessionId === sessionId)
      : undefined;
    if (!target) throw sessionError(SessionError.SessionNotFound);
    await this.tickets.revoke(target.ticketHash, s.userId);
    return {};
  }

  async switchContext(s: SessionInfo, participantId: string): Promise<SwitchContextView> {
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

function sessionView(s: Pick<SessionInfo, 'userId' | 'name' | 'currentParticipant' | 'roles' | 'modules'>): SessionView {
  return {
    ...(s.currentParticipant ? { current_participant: s.currentParticipant } : {}),
    id: s.userId,
    modules: s.modules,
    name: s.name,
    roles: s.roles,
  };
}
