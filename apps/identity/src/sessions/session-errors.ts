import { DomainError, ErrorKind } from '#libs/errors';

export enum SessionError {
  InvalidCredentials = 'identity.session.invalid_credentials',
  LoginRequired = 'identity.session.login_required',
  UserBlocked = 'identity.session.user_blocked',
  NotActivated = 'identity.session.not_activated',
  NoSession = 'identity.session.no_session',
  NotAMember = 'identity.session.not_a_member',
  SessionNotFound = 'identity.session.not_found',
}

const KIND: Record<SessionError, ErrorKind> = {
  [SessionError.InvalidCredentials]: ErrorKind.Unauthenticated,
  [SessionError.LoginRequired]: ErrorKind.InvalidInput,
  [SessionError.UserBlocked]: ErrorKind.Forbidden,
  [SessionError.NotActivated]: ErrorKind.Forbidden,
  [SessionError.NoSession]: ErrorKind.Unauthenticated,
  [SessionError.NotAMember]: ErrorKind.Forbidden,
  [SessionError.SessionNotFound]: ErrorKind.NotFound,
};

const MESSAGE: Record<SessionError, string> = {
  [SessionError.InvalidCredentials]: 'Invalid credentials',
  [SessionError.LoginRequired]: 'Invalid request',
  [SessionError.UserBlocked]: 'User is blocked',
  [SessionError.NotActivated]: 'Account is not activated',
  [SessionError.NoSession]: 'Invalid or missing ticket',
  [SessionError.NotAMember]: 'User is not a member of this participant',
  [SessionError.SessionNotFound]: 'Session not found',
};

export function sessionError(code: SessionError, details?: unknown): DomainError {
  return new DomainError(KIND[code], MESSAGE[code], code, details);
}
