import { DomainError, ErrorKind } from '#libs/errors';

export enum PhoneError {
  CodeUnknown = 'identity.phone.code_unknown',
  ResetTicketInvalid = 'identity.phone.reset_ticket_invalid',
  SmsUnavailable = 'identity.phone.sms_unavailable',
}

const KIND: Record<PhoneError, ErrorKind> = {
  [PhoneError.CodeUnknown]: ErrorKind.NotFound,
  [PhoneError.ResetTicketInvalid]: ErrorKind.Unauthenticated,
  [PhoneError.SmsUnavailable]: ErrorKind.Unavailable,
};

const MESSAGE: Record<PhoneError, string> = {
  [PhoneError.CodeUnknown]: 'Verification code not found or expired',
  [PhoneError.ResetTicketInvalid]: 'Invalid or expired password reset ticket',
  [PhoneError.SmsUnavailable]: 'The SMS could not be sent, try again later',
};

export function phoneError(code: PhoneError): DomainError {
  return new DomainError(KIND[code], MESSAGE[code], code);
}
