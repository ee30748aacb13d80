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
  /** CustomerOwnerRequest → StripeCustomerView | null: identity shows a user's card in users/get. */
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

/** `billing.participants.summaries` data. */
export interface ParticipantSummariesRequest { ids: string[] }

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

/** `billing.participant.create` (identity, when a pending participant is approved). Answer: ParticipantSummary. */
export interface CreateParticipantRequest {
  name: string;
  company_prefix: string | string[];
  country?: string;
  participant_type?: string;
  pending_plan?: BillingPlan;
  gs1_activation_code?: string;
  /** The user who registered it; a card the user gave at registration becomes the participant's. */
  userId?: string;
  ip?: string;
}

/** `billing.registration.approve` / `.reject`: the latest pending `POST /account/participant` request of a user. */
export interface RegistrationDecisionRequest { userId: string }
/** Approve answers the created ParticipantSummary; reject answers `{ status: 'rejected' }`. */

/** `billing.customer.attach-card`: card data goes to Stripe only, never to a log, table or event. */
export interface AttachCardRequest {
  participantId?: string;
  userId?: string;
  card: { number: string; exp_month: number; exp_year: number; cvc: string | number; name?: string };
}
export interface CardView { brand: string; last4: string; exp_month: number; exp_year: number }

/** `billing.customer.get`: the customer of one user or participant. */
export interface CustomerOwnerRequest { participantId?: string; userId?: string }
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

/** `billing.customer.delete`: removes the customer at Stripe and the stored card. */
export interface DeleteCustomerRequest { participantId?: string; userId?: string }
export interface DeleteCustomerResult { deleted: boolean }

/** `billing.deposit.charge`: takes amount + active balance fee from the participant's deposit. */
export interface DepositChargeRequest {
  participantId: string;
  /** Positive integer coins string. */
  amount: string;
  /** Same key again answers the first result without charging twice. */
  idempotencyKey: string;
  reference?: string;
}
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

/** `billing.deposit.credit` (top-ups). Answer: `{ participantId, idempotencyKey, amount, balance }`. */
export interface DepositCreditRequest { participantId: string; amount: string; idempotencyKey: string; reference?: string }
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

/** `billing.deposit.set-topup` data: `{ participantId, ...TopupView }`; answer `{ result: TopupView, status: 'ok' }`. */
export interface SetTopupRequest extends TopupView { participantId: string }

/** `PUT /participants/participant/:id/deposit/topup` body: TopupView; answer `{ result: TopupView, status: 'ok' }`. */
export type SetTopupBody = TopupView;

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
/**
 * `PUT /participants/participant/:id/contacts` body: any of the fields; a string sets it, null
 * clears it, an absent field stays. Answer `{ result: <all contact fields set>, status: 'ok' }`.
 */
export type SetContactsBody = Partial<Record<ParticipantContactField, string | null>>;

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

/** `billing.participant.deletion-ack`: identity, rewards and certificates call it after acting on `participant.deleted`. */
export interface DeletionAckRequest { requestId: string; service: string }

/** Services that must acknowledge a participant deletion before it is `done`. */
export const PARTICIPANT_DELETION_ACKERS = ['identity', 'rewards', 'certificates'] as const;

/** `IdentityPattern.ParticipantTeam` (asked with a ParticipantTeamDto): billing shows an empty team when identity does not answer. */
export interface TeamMemberView { access_type: string; email: string; first_name: string; id: string; last_name: string; ts: string }
