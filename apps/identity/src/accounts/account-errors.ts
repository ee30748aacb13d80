import { type DomainError, ErrorKind, fixedMessageErrors } from '#libs/errors';

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

const ERRORS = fixedMessageErrors<AccountError>({
  [AccountError.UserExists]: [ErrorKind.Conflict, 'User already exists'],
  [AccountError.PhoneRegistrationUnavailable]: [ErrorKind.InvalidInput, 'Registration by phone is not available yet'],
  [AccountError.ActivationCodeUnknown]: [ErrorKind.NotFound, 'Activation code not found'],
  [AccountError.ResendTokenUnknown]: [ErrorKind.NotFound, 'Activation token not found'],
  [AccountError.ResendLimitReached]: [ErrorKind.RateLimited, 'Activation email resend limit reached'],
  [AccountError.UserNotFound]: [ErrorKind.NotFound, 'User not found'],
  [AccountError.OldPasswordRequired]: [ErrorKind.InvalidInput, 'old_password is required to change the password, email or phone of the login'],
  [AccountError.OldPasswordWrong]: [ErrorKind.Forbidden, 'Old password is incorrect'],
  [AccountError.RestoreCodeUnknown]: [ErrorKind.NotFound, 'Restore code not found or expired'],
});

export function accountError(code: AccountError, options: { details?: unknown; retryAfter?: number } = {}): DomainError {
  return ERRORS(code, options);
}
