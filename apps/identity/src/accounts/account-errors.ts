import { DomainError, ErrorKind } from '#libs/errors';

export enum AccountError {
  UserExists = 'identity.account.user_exists',
  PhoneRegistrationUnavailable = 'identity.account.phone_registration_unavailable',
  ActivationCodeUnknown = 'identity.account.activation_code_unknown',
  ResendTokenUnknown = 'identity.account.resend_token_unknown',
  ResendLimitReached = 'identity.account.resend_limit_reached',
  UserNotFound = 'identity.account.user_not_found',
  OldPasswordRequired = 'identity.account.old_password_required',
  OldPasswordWrong = 'identity.account.old_password_wrong',
  RestoreCodeUnknown = 'identity.account.restore_code_unknown',
}

/** A Record over the enum: adding a code without a kind does not compile. */
const KIND: Record<AccountError, ErrorKind> = {
  [AccountError.UserExists]: ErrorKind.Conflict,
  [AccountError.PhoneRegistrationUnavailable]: ErrorKind.InvalidInput,
  [AccountError.ActivationCodeUnknown]: ErrorKind.NotFound,
  [AccountError.ResendTokenUnknown]: ErrorKind.NotFound,
  [AccountError.ResendLimitReached]: ErrorKind.RateLimited,
  [AccountError.UserNotFound]: ErrorKind.NotFound,
  [AccountError.OldPasswordRequired]: ErrorKind.InvalidInput,
  [AccountError.OldPasswordWrong]: ErrorKind.Forbidden,
  [AccountError.RestoreCodeUnknown]: ErrorKind.NotFound,
};

const MESSAGE: Record<AccountError, string> = {
  [AccountError.UserExists]: 'User already exists',
  [AccountError.PhoneRegistrationUnavailable]: 'Registration by phone is not available yet',
  [AccountError.ActivationCodeUnknown]: 'Activation code not found',
  [AccountError.ResendTokenUnknown]: 'Activation token not found',
  [AccountError.ResendLimitReached]: 'Activation email resend limit reached',
  [AccountError.UserNotFound]: 'User not found',
  [AccountError.OldPasswordRequired]: 'old_password is required to change the password, email or phone of the login',
  [AccountError.OldPasswordWrong]: 'Old password is incorrect',
  [AccountError.RestoreCodeUnknown]: 'Restore code not found or expired',
};

export function accountError(code: AccountError, options: { details?: unknown; retryAfter?: number } = {}): DomainError {
  return new DomainError(KIND[code], MESSAGE[code], code, options.details, options.retryAfter);
}
