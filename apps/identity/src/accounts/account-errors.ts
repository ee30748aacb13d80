import { DomainError, ErrorKind } from '#libs/errors';

export enum AccountError {
  UserExists = 'identity.account.user_exists',
  PhoneRegistrationUnavailable = 'identity.account.phone_registration_unavailable',
  ActivationCodeUnknown = 'identity.account.activation_code_unknown',
  ResendTokenUnknown = 'identity.account.resend_token_unknown',
  ResendLimitReached = 'identity.account.resend_limit_reached',
  UserNotFound = 'identity.account.user_not_found',
  NoSession = 'identity.account.no_session',
}

/** A Record over the enum: adding a code without a kind does not compile. */
const KIND: Record<AccountError, ErrorKind> = {
  [AccountError.UserExists]: ErrorKind.Conflict,
  [AccountError.PhoneRegistrationUnavailable]: ErrorKind.InvalidInput,
  [AccountError.ActivationCodeUnknown]: ErrorKind.NotFound,
  [AccountError.ResendTokenUnknown]: ErrorKind.NotFound,
  [AccountError.ResendLimitReached]: ErrorKind.RateLimited,
  [AccountError.UserNotFound]: ErrorKind.NotFound,
  [AccountError.NoSession]: ErrorKind.Unauthenticated,
};

const MESSAGE: Record<AccountError, string> = {
  [AccountError.UserExists]: 'User already exists',
  [AccountError.PhoneRegistrationUnavailable]: 'Registration by phone is not available yet',
  [AccountError.ActivationCodeUnknown]: 'Activation code not found',
  [AccountError.ResendTokenUnknown]: 'Activation token not found',
  [AccountError.ResendLimitReached]: 'Activation email resend limit reached',
  [AccountError.UserNotFound]: 'User not found',
  [AccountError.NoSession]: 'Invalid or missing ticket',
};

export function accountError(code: AccountError, options: { details?: unknown; retryAfter?: number } = {}): DomainError {
  return new DomainError(KIND[code], MESSAGE[code], code, options.details, options.retryAfter);
}
