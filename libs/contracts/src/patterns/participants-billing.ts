/**
 * Patterns of the participants-billing service. HTTP routes (HTTP_ROUTES rows 34, 35, 58-65, x-billing-*)
 * receive an HttpRequestPayload whose `body` has the shapes below; the other patterns are
 * called by services directly with the data shown.
 * Coins are 18-decimal integers as strings ("1000000000000000000" is 1 coin).
 */

export const BillingPattern = {
  // HTTP routes
  ParticipantRegister: 'billing.participant.register',
  PrefixCheck: 'billing.prefix.check',
  ParticipantsList: 'billing.participants.list',
  ParticipantGet: 'billing.participant.get',
  PaymentPaidPeriod: 'billing.payment.paid-period',
  PaymentTrial: 'billing.payment.trial',
  PaymentDeleteCustomer: 'billing.payment.delete-customer',
  DepositSetFee: 'billing.deposit.set-fee',
  DepositGet: 'billing.deposit.get',
  ParticipantDelete: 'billing.participant.delete',
  // HTTP routes of extra-routes.ts
  DepositSetTopupHttp: 'billing.deposit.set-topup-http',
  ParticipantSetContacts: 'billing.participant.set-contacts',
  StripeWebhook: 'billing.stripe.webhook',
  // service to service
  ParticipantsSummaries: 'billing.participants.summaries',
  ParticipantCreate: 'billing.participant.create',
  RegistrationApprove: 'billing.registration.approve',
  RegistrationReject: 'billing.registration.reject',
  CustomerAttachCard: 'billing.customer.attach-card',
  CustomerDelete: 'billing.customer.delete',
  /** CustomerOwnerDto → StripeCustomerView | null: identity shows a user's card in users/get. */
  CustomerGet: 'billing.customer.get',
  DepositCharge: 'billing.deposit.charge',
  DepositCredit: 'billing.deposit.credit',
  DepositSetTopup: 'billing.deposit.set-topup',
  ParticipantDeletionStatus: 'billing.participant.deletion-status',
  ParticipantDeletionAck: 'billing.participant.deletion-ack',
  /** Forwarded sys-admin session; AuditListRequest → AuditEventView[]: identity gathers the audit trail. */
  AuditList: 'billing.audit.list',
} as const;

/** Plan values of the doc; display names: basic Essentials, light Professional, complete Professional+, complete+ Enterprise, corporate Unlimited. */
export const BILLING_PLANS = ['custom', 'basic', 'light', 'complete', 'complete+', 'corporate'] as const;
export type BillingPlan = (typeof BILLING_PLANS)[number];

/** One participant as identity shows it in sessions and profiles (switch-context example). */
export interface ParticipantSummary {
  id: string;
  name: string;
  modules: string[];
  participant_type: string[];
  company_prefix: string[];
  parent?: string;
  country?: string;
  address?: string;
  city?: string;
  contact?: string;
  email?: string;
  facebook_url?: string;
  logo?: string;
  phone?: string;
  post_code?: string;
}

/** Approve answers the created ParticipantSummary; reject answers `{ status: 'rejected' }`. */

export interface CardView { brand: string; last4: string; exp_month: number; exp_year: number }

/**
 * A stored card as the documents' `stripe_customer` shows it: Stripe's ids, brand, last4 and
 * expiry; the billing address and holder name are not kept (""), description and email null.
 */
export interface StripeCustomerView {
  card: {
    address_city: string; address_country: string; address_line1: string; address_line2: string; address_state: string; address_zip: string;
    brand: string; exp_month: number; exp_year: number; id: string; last4: string; name: string;
  };
  description: null;
  email: null;
  id: string;
}

/** `billing.customer.delete` (a CustomerOwnerDto): removes the customer at Stripe and the stored card. */
export interface DeleteCustomerResult { deleted: boolean }

/** `billing.deposit.charge` (a DepositMoveDto): takes amount + active balance fee from the participant's deposit. */
export interface DepositChargeResult {
  participantId: string;
  idempotencyKey: string;
  amount: string;
  /** Fee taken from the balance (0 when none or when the fee source is the invoice). */
  fee: string;
  /** Fee added to the invoice instead of the balance. */
  invoiceFee: string;
  /** Balance after this operation (at the time it happened). */
  balance: string;
}
/** Insufficient funds: DomainError Conflict with code `billing.insufficient_funds`. */

/** `billing.deposit.credit` (a DepositMoveDto; top-ups). */
export interface DepositCreditResult { participantId: string; idempotencyKey: string; amount: string; balance: string }

export interface FeeView {
  type: 'percentages' | 'coins';
  /** Number for percentages, coins string for coins. */
  value: number | string;
  source: 'invoice' | 'balance';
  status: 'active' | 'inactive';
  ts: string;
}

export interface TopupView {
  amount: number;
  coins_threshold: string;
  currency: string;
  frequency: 'daily' | 'weekly' | 'monthly';
  minimal_amount: boolean;
  status: 'active' | 'inactive';
}

/** `billing.deposit.set-topup` (SetTopupDto) and `PUT /participants/participant/:id/deposit/topup` (TopupBodyDto) answer `{ result: TopupView, status: 'ok' }`. */
export type TopupPaymentStatus = 'pending' | 'processing' | 'succeeded' | 'failed' | 'requires_action' | 'refunded' | 'partially_refunded';

/**
 * The latest automatic top-up of a deposit. `pending`: the payment is not at Stripe yet (being
 * made or retried); `processing`: Stripe has it, coins not credited until Stripe confirms it;
 * `succeeded`: `coins` credited; `failed` / `requires_action`: nothing credited (`failure_code`
 * from Stripe, e.g. card_declined, authentication_required).
 */
export interface TopupPaymentView {
  amount: number;
  currency: string;
  coins: string;
  status: TopupPaymentStatus;
  failure_code: string | null;
  failure_message: string | null;
  ts: string;
  updated_at: string;
}

export interface DepositView {
  address: string;
  coins: string;
  fee: FeeView | null;
  topup: TopupView | null;
  /** Not in the doc: the latest automatic top-up payment, null when none was made. */
  last_topup: TopupPaymentView | null;
}

/** Contact fields of a participant, as ParticipantSummary shows them. */
export const PARTICIPANT_CONTACT_FIELDS = ['address', 'city', 'contact', 'email', 'facebook_url', 'logo', 'phone', 'post_code'] as const;
export type ParticipantContactField = (typeof PARTICIPANT_CONTACT_FIELDS)[number];
/** `PUT /participants/participant/:id/contacts` (SetContactsDto) answers `{ result: <all contact fields set>, status: 'ok' }`. */

/** `POST /billing/stripe/webhook` answer (Stripe only needs a 2xx). */
export interface StripeWebhookAnswer { received: true; duplicate?: true }

/** DELETE participant answer (202 while in progress) and `billing.participant.deletion-status` { requestId } answer. */
export interface DeletionStatusView {
  status: 'in_progress' | 'done';
  request_id: string;
  participant_id: string;
  /** Services that acknowledged `participant.deleted` so far. */
  acknowledged: string[];
}

/** Services that must acknowledge a participant deletion before it is `done`. */
export const PARTICIPANT_DELETION_ACKERS = ['identity', 'rewards', 'certificates'] as const;

/** `IdentityPattern.ParticipantTeam` (asked with a ParticipantTeamDto): billing shows an empty team when identity does not answer. */
export interface TeamMemberView { access_type: string; email: string; first_name: string; id: string; last_name: string; ts: string }
