import { CertificatesPattern, IdentityPattern } from '#libs/contracts';

/**
 * Success statuses of the handlers that choose one (`httpReply(status, ...)`), by HTTP_ROUTES row
 * (as ROUTE_DOCS); every other route answers 200.
 */
export const SUCCESS_STATUSES: Record<string, Record<string, string>> = {
  '13': { '204': 'Merged (no body)' }, // POST /account/merge
  '60': { '200': 'Paid (or free) period set', '202': 'Stripe is still processing the payment' }, // PUT /participants/participant/:id/payment
  '65': { '200': 'Deleted here and in every service', '202': 'Services are still deleting the coupled data' }, // DELETE /participants/participant/:id
  'x-cert-1': { '201': 'Created; the key is shown this once' }, // POST /certificates/api-keys
  'x-cert-4': { '200': 'Issued before under this issue_key: that certificate', '201': 'Issued' }, // POST /certificates/user-certificates
};

/** Statuses without a body. */
export const EMPTY_STATUSES = new Set(['204']);

/**
 * Public routes whose request carries a credential of its own (a password, a provider token, a
 * one-time code or a signed token): they answer 401/403 for a wrong, expired or blocked one.
 */
export const CREDENTIAL_IN_REQUEST = new Set<string>([
  IdentityPattern.SessionCreate, IdentityPattern.AccountOauth, IdentityPattern.PhoneVerifyCode, IdentityPattern.AccountActivate,
  IdentityPattern.PasswordRestore, IdentityPattern.PendingParticipantRejectWithReason, IdentityPattern.PendingParticipantApprove,
  IdentityPattern.PendingParticipantReject, CertificatesPattern.QrImage,
]);

/**
 * Paths the API documents (ENDPOINTS.md) write with a trailing slash. The gateway ignores a
 * trailing slash; the document has both forms, so a client (or a validating proxy) finds either.
 */
export const DOCUMENTED_WITH_SLASH = [
  '/identity-service/account/customer/', '/identity-service/set_device_id/', '/identity-service/remove_device_id/',
  '/external/payment-certificate/', '/external/payment-certificate/:id/', '/external/payment-certificate/bulk-create/',
  '/external/payment-certificate/bulk-update/',
];
