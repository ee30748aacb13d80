import type { RouteRow } from './http-routes.js';
import { CertificatesPattern } from './patterns/certificates.js';
import { IdentityPattern } from './patterns/identity.js';
import { BillingPattern } from './patterns/participants-billing.js';

/**
 * Routes that are not in ENDPOINTS.md but that our services need (API key management, QR
 * images, ...). Same tuple as ROWS in http-routes.ts; the row id starts with 'x-'.
 * Static paths must come before parameterised paths that could shadow them.
 */
export const EXTRA_ROUTE_ROWS: RouteRow[] = [
  // identity: the caller's own sessions (as Kratos and Supabase offer), never a ticket or its hash
  ['x-id-1', 'GET', '/identity-service/sessions', 'identity', IdentityPattern.SessionList, 'ticket', "List the caller's own sessions"],
  ['x-id-2', 'DELETE', '/identity-service/sessions/:id', 'identity', IdentityPattern.SessionEnd, 'ticket', "End one of the caller's own sessions"],
  // certificates: participant API keys (key shown once), issuing, QR images and activation
  ['x-cert-1', 'POST', '/certificates/api-keys', 'certificates', CertificatesPattern.ApiKeyCreate, 'system', 'Create a participant API key (returned once)'],
  ['x-cert-2', 'GET', '/certificates/api-keys', 'certificates', CertificatesPattern.ApiKeyList, 'system', 'List API keys of a participant (no secrets)'],
  ['x-cert-3', 'DELETE', '/certificates/api-keys/:id', 'certificates', CertificatesPattern.ApiKeyRevoke, 'system', 'Revoke an API key'],
  ['x-cert-4', 'POST', '/certificates/user-certificates', 'certificates', CertificatesPattern.UserIssueHttp, 'system', 'Issue a certificate to a user (idempotent by issue_key)'],
  ['x-cert-5', 'GET', '/certificates/qr/:token', 'certificates', CertificatesPattern.QrImage, 'none', 'QR code PNG of a certificate (signed token)'],
  ['x-cert-6', 'POST', '/certificates/activate/:token', 'certificates', CertificatesPattern.QrActivate, 'ticket', "Activate a certificate (store's participant session)"],
  // participants-billing: settings a participant's own security_admin (or a sys-admin) sets, checked
  // by billing against the session; Stripe's webhook (no ticket: the Stripe-Signature over the raw body)
  ['x-billing-1', 'PUT', '/identity-service/participants/participant/:id/deposit/topup', 'participants-billing', BillingPattern.DepositSetTopupHttp,
    'ticket', "Automatic top-up settings (sys-admin or the participant's security_admin)"],
  ['x-billing-2', 'PUT', '/identity-service/participants/participant/:id/contacts', 'participants-billing', BillingPattern.ParticipantSetContacts,
    'ticket', "Contact fields (sys-admin or the participant's security_admin)"],
  ['x-billing-3', 'POST', '/billing/stripe/webhook', 'participants-billing', BillingPattern.StripeWebhook, 'none',
    'Stripe webhook events (Stripe-Signature checked over the raw body)', false, { rawBody: true, forwardHeaders: ['stripe-signature'] }],
  // identity: the audit trail of every service (patterns/audit.ts), gathered by identity
  ['x-id-3', 'POST', '/identity-service/audit/get', 'identity', IdentityPattern.AuditGet, 'sys-admin',
    'Audit trail: who did what to which target, when (every service, newest first)'],
];
