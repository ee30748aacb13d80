import { type DomainError, ErrorKind, fixedMessageErrors } from '#libs/errors';

export enum SecurityError {
  TooManySignInFailures = 'identity.security.too_many_sign_in_failures',
  TooManyRequests = 'identity.security.too_many_requests',
  PasswordChecksBusy = 'identity.security.password_checks_busy',
}

const ERRORS = fixedMessageErrors<SecurityError>({
  [SecurityError.TooManySignInFailures]: [ErrorKind.RateLimited, 'Too many failed sign-in attempts, try again later'],
  [SecurityError.TooManyRequests]: [ErrorKind.RateLimited, 'Too many requests, try again later'],
  [SecurityError.PasswordChecksBusy]: [ErrorKind.Unavailable, 'Too many sign-ins at once, try again shortly'],
});

export function securityError(code: SecurityError, retryAfter?: number): DomainError {
  return ERRORS(code, { retryAfter });
}
