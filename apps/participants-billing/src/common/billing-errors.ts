import { ErrorKind, errorCatalog } from '#libs/errors';

/** Domain codes of participants-billing, each mapped to exactly one error kind. */
export enum BillingErrorCode {
  ParticipantNotFound = 'billing.participant_not_found',
  PrefixTaken = 'billing.prefix_taken',
  UnknownPlan = 'billing.unknown_plan',
  InvalidPeriod = 'billing.invalid_period',
  InvalidFee = 'billing.invalid_fee',
  InvalidCoins = 'billing.invalid_coins',
  InsufficientFunds = 'billing.insufficient_funds',
  IdempotencyMismatch = 'billing.idempotency_mismatch',
  CardRejected = 'billing.card_rejected',
  PaymentProviderUnavailable = 'billing.payment_provider_unavailable',
  NoPendingRegistration = 'billing.no_pending_registration',
  DeletionNotFound = 'billing.deletion_not_found',
  Forbidden = 'billing.forbidden',
  UnsupportedCurrency = 'billing.unsupported_currency',
  PaymentDeclined = 'billing.payment_declined',
  PaymentRequiresAction = 'billing.payment_requires_action',
  WebhookSignatureInvalid = 'billing.webhook_signature_invalid',
}

/** Each code's one kind. */
const KIND: Record<BillingErrorCode, ErrorKind> = {
  [BillingErrorCode.ParticipantNotFound]: ErrorKind.NotFound,
  [BillingErrorCode.PrefixTaken]: ErrorKind.Conflict,
  [BillingErrorCode.UnknownPlan]: ErrorKind.InvalidInput,
  [BillingErrorCode.InvalidPeriod]: ErrorKind.InvalidInput,
  [BillingErrorCode.InvalidFee]: ErrorKind.InvalidInput,
  [BillingErrorCode.InvalidCoins]: ErrorKind.InvalidInput,
  [BillingErrorCode.InsufficientFunds]: ErrorKind.Conflict,
  [BillingErrorCode.IdempotencyMismatch]: ErrorKind.Conflict,
  [BillingErrorCode.CardRejected]: ErrorKind.InvalidInput,
  [BillingErrorCode.PaymentProviderUnavailable]: ErrorKind.Unavailable,
  [BillingErrorCode.NoPendingRegistration]: ErrorKind.NotFound,
  [BillingErrorCode.DeletionNotFound]: ErrorKind.NotFound,
  [BillingErrorCode.Forbidden]: ErrorKind.Forbidden,
  [BillingErrorCode.UnsupportedCurrency]: ErrorKind.InvalidInput,
  [BillingErrorCode.PaymentDeclined]: ErrorKind.Conflict,
  [BillingErrorCode.PaymentRequiresAction]: ErrorKind.Conflict,
  [BillingErrorCode.WebhookSignatureInvalid]: ErrorKind.InvalidInput,
};

export const billingError = errorCatalog(KIND);

export const participantNotFound = (id: string) =>
  billingError(BillingErrorCode.ParticipantNotFound, `Participant ${id} not found`);
