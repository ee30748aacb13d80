import { DomainError, ErrorKind } from '#libs/errors';

export enum SecurityError {
  TooManySignInFailures = 'identity.security.too_many_sign_in_failures',
  TooManyRequests = 'identity.security.too_many_requests',
  PasswordChecksBusy = 'identity.security.password_checks_busy',
}

const KIND: Record<SecurityError, ErrorKind> = {
  [SecurityError.TooManySignInFailures]: ErrorKind.RateLimited,
  [SecurityError.TooManyRequests]: ErrorKind.RateLimited,
  [SecurityError.PasswordChecksBusy]: ErrorKind.Unavailable,
};

const MESSAGE: Record<SecurityError, string> = {
  [SecurityError.TooManySignInFailures]: 'Too many failed sign-in attempts, try again later',
  [SecurityError.TooManyRequests]: 'Too many requests, try again later',
  [SecurityError.PasswordChecksBusy]: 'Too many sign-ins at once, try again shortly',
};

export function securityError(code: SecurityError, retryAfter?: number): DomainError {
  return new DomainError(KIND[code], MESSAGE[code], code, undefined, retryAfter);
}
