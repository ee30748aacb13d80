import { type DomainError, ErrorKind, fixedMessageErrors } from '#libs/errors';

export enum SessionError {
  InvalidCredentials = 'identity.session.invalid_credentials',
  LoginRequired = 'identity.session.login_required',
  UserBlocked = 'identity.session.user_blocked',
  NotActivated = 'identity.session.not_activated',
  NoSession = 'identity.session.no_session',
  NotAMember = 'identity.session.not_a_member',
  SessionNotFound = 'identity.session.not_found',
}

const ERRORS = fixedMessageErrors<SessionError>({
  [SessionError.InvalidCredentials]: [ErrorKind.Unauthenticated, 'Invalid credentials'],
  [SessionError.LoginRequired]: [ErrorKind.InvalidInput, 'Invalid request'],
  [SessionError.UserBlocked]: [ErrorKind.Forbidden, 'User is blocked'],
  [SessionError.NotActivated]: [ErrorKind.Forbidden, 'Account is not activated'],
  [SessionError.NoSession]: [ErrorKind.Unauthenticated, 'Invalid or missing ticket'],
  [SessionError.NotAMember]: [ErrorKind.Forbidden, 'User is not a member of this participant'],
  [SessionError.SessionNotFound]: [ErrorKind.NotFound, 'Session not found'],
});

export function sessionError(code: SessionError, details?: unknown): DomainError {
  return ERRORS(code, { details });
}
