import { type DomainError, ErrorKind, fixedMessageErrors } from '#libs/errors';

export enum PhoneError {
  CodeUnknown = 'identity.phone.code_unknown',
  ResetTicketInvalid = 'identity.phone.reset_ticket_invalid',
  SmsUnavailable = 'identity.phone.sms_unavailable',
}

const ERRORS = fixedMessageErrors<PhoneError>({
  [PhoneError.CodeUnknown]: [ErrorKind.NotFound, 'Verification code not found or expired'],
  [PhoneError.ResetTicketInvalid]: [ErrorKind.Unauthenticated, 'Invalid or expired password reset ticket'],
  [PhoneError.SmsUnavailable]: [ErrorKind.Unavailable, 'The SMS could not be sent, try again later'],
});

export function phoneError(code: PhoneError): DomainError {
  return ERRORS(code);
}
