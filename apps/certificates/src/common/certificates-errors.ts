import { DomainError, ErrorKind, assertNever } from '#libs/errors';

/** Every error the certificates service answers with. */
export enum CertificatesErrorCode {
  InvalidInput = 'certificates.invalid_input',
  TooManyItems = 'certificates.too_many_items',
  DuplicateCode = 'certificates.duplicate_code',
  CertificateNotFound = 'certificates.certificate_not_found',
  ApiKeyNotFound = 'certificates.api_key_not_found',
  ApiKeyInvalid = 'certificates.api_key_invalid',
  NotStoreParticipant = 'certificates.not_store_participant',
  QrTokenInvalid = 'certificates.qr_token_invalid',
  AlreadyActivated = 'certificates.already_activated',
  CertificateExpired = 'certificates.certificate_expired',
  IssueKeyReused = 'certificates.issue_key_reused',
  CatalogueOwnedElsewhere = 'certificates.catalogue_owned_elsewhere',
  UnknownUser = 'certificates.unknown_user',
}

export function kindOf(code: CertificatesErrorCode): ErrorKind {
  switch (code) {
    case CertificatesErrorCode.InvalidInput: return ErrorKind.InvalidInput;
    case CertificatesErrorCode.TooManyItems: return ErrorKind.PayloadTooLarge;
    case CertificatesErrorCode.DuplicateCode: return ErrorKind.Conflict;
    case CertificatesErrorCode.CertificateNotFound: return ErrorKind.NotFound;
    case CertificatesErrorCode.ApiKeyNotFound: return ErrorKind.NotFound;
    case CertificatesErrorCode.ApiKeyInvalid: return ErrorKind.Unauthenticated;
    case CertificatesErrorCode.NotStoreParticipant: return ErrorKind.Forbidden;
    case CertificatesErrorCode.QrTokenInvalid: return ErrorKind.NotFound;
    case CertificatesErrorCode.AlreadyActivated: return ErrorKind.Conflict;
    case CertificatesErrorCode.CertificateExpired: return ErrorKind.Conflict;
    case CertificatesErrorCode.IssueKeyReused: return ErrorKind.Conflict;
    case CertificatesErrorCode.CatalogueOwnedElsewhere: return ErrorKind.Conflict;
    case CertificatesErrorCode.UnknownUser: return ErrorKind.NotFound;
    default: return assertNever(code);
  }
}

export function certificatesError(code: CertificatesErrorCode, message: string, details?: unknown): DomainError {
  return new DomainError(kindOf(code), message, code, details);
}
