import { ErrorKind, errorCatalog } from '#libs/errors';

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

/** Each code's one kind. */
const KIND: Record<CertificatesErrorCode, ErrorKind> = {
  [CertificatesErrorCode.InvalidInput]: ErrorKind.InvalidInput,
  [CertificatesErrorCode.TooManyItems]: ErrorKind.PayloadTooLarge,
  [CertificatesErrorCode.DuplicateCode]: ErrorKind.Conflict,
  [CertificatesErrorCode.CertificateNotFound]: ErrorKind.NotFound,
  [CertificatesErrorCode.ApiKeyNotFound]: ErrorKind.NotFound,
  [CertificatesErrorCode.ApiKeyInvalid]: ErrorKind.Unauthenticated,
  [CertificatesErrorCode.NotStoreParticipant]: ErrorKind.Forbidden,
  [CertificatesErrorCode.QrTokenInvalid]: ErrorKind.NotFound,
  [CertificatesErrorCode.AlreadyActivated]: ErrorKind.Conflict,
  [CertificatesErrorCode.CertificateExpired]: ErrorKind.Conflict,
  [CertificatesErrorCode.IssueKeyReused]: ErrorKind.Conflict,
  [CertificatesErrorCode.CatalogueOwnedElsewhere]: ErrorKind.Conflict,
  [CertificatesErrorCode.UnknownUser]: ErrorKind.NotFound,
};

export const certificatesError = errorCatalog(KIND);
