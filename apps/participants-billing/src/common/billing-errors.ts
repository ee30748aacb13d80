import { DomainError, ErrorKind } from '#libs/errors';

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

function kindOf(code: BillingErrorCode): ErrorKind {
  switch (code) {
    case BillingErrorCode.ParticipantNotFound:
    case BillingErrorCode.NoPendingRegistration:
    case BillingErrorCode.DeletionNotFound:
      return ErrorKind.NotFound;
    case BillingErrorCode.PrefixTaken:
    case BillingErrorCode.InsufficientFunds:
    case BillingErrorCode.IdempotencyMismatch:
    case BillingErrorCode.PaymentDeclined:
    case BillingErrorCode.PaymentRequiresAction:
      return ErrorKind.Conflict;
    case BillingErrorCode.UnknownPlan:
    case BillingErrorCode.InvalidPeriod:
    case BillingErrorCode.InvalidFee:
    case BillingErrorCode.InvalidCoins:
    case BillingErrorCode.CardRejected:
    case BillingErrorCode.UnsupportedCurrency:
    case BillingErrorCode.WebhookSignatureInvalid:
      return ErrorKind.InvalidInput;
    case BillingErrorCode.PaymentProviderUnavailable:
      return ErrorKind.Unavailable;
    case BillingErrorCode.Forbidden:
      return ErrorKind.Forbidden;
  }
}

export function billingError(code: BillingErrorCode, message: string, details?: unknown): DomainError {
  return new DomainError(kindOf(code), message, code, details);
}

export const participantNotFound = (id: string) =>
  billingError(BillingErrorCode.ParticipantNotFound, `Participant ${id} not found`);
