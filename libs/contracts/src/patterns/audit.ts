import type { ServiceName } from '../services.js';

/**
 * The audit trail: every security- or money-relevant action of an operator or a participant admin,
 * recorded once by the service that owns the change, in its own schema, append-only. Shaped after
 * Keycloak's admin events (operationType, resourceType, resourcePath, representation, authDetails),
 * with the state before the change beside the one after it, and queryable across the services
 * (`POST /identity-service/audit/get`, identity asks the others with `<Service>Pattern.AuditList`).
 */
export type AuditOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'ACTION';

export interface AuditActionSpec {
  /** `<target type>.<verb>`, as stored and filtered. */
  name: string;
  /** The service that records it. */
  service: ServiceName;
  operation: AuditOperation;
  /** What `target.id` identifies (Keycloak's resourceType). */
  target: string;
}

const action = (name: string, service: ServiceName, operation: AuditOperation, target: string): AuditActionSpec =>
  ({ name, service, operation, target });

export const AuditAction = {
  // identity (sys-admin, or a participant's security_admin for its team)
  UserBlock: action('user.block', 'identity', 'UPDATE', 'user'),
  UserUnblock: action('user.unblock', 'identity', 'UPDATE', 'user'),
  /** target: the user, owner: the participant; before/after: the user's roles in it. */
  MembershipNominate: action('membership.nominate', 'identity', 'UPDATE', 'membership'),
  MembershipDenominate: action('membership.denominate', 'identity', 'UPDATE', 'membership'),
  /** The moderator's link (no session: the actor is the link's holder, by IP and request id); target the registrant, owner the new participant. */
  RegistrationApprove: action('participant_registration.approve', 'identity', 'ACTION', 'user'),
  RegistrationReject: action('participant_registration.reject', 'identity', 'ACTION', 'user'),
  /** A sys-admin lifts a user's phone-verification lockout. */
  PhoneVerificationReset: action('phone_verification.reset', 'identity', 'ACTION', 'user'),
  // rewards (sys-admin)
  RewardsBanSet: action('rewards_ban.set', 'rewards', 'CREATE', 'user'),
  RewardsBanUnset: action('rewards_ban.unset', 'rewards', 'UPDATE', 'user'),
  /** target: the cashout transaction, owner: the user. */
  CashoutStatus: action('cashout.status', 'rewards', 'UPDATE', 'cashout'),
  // participants-billing (target: the participant)
  FeeSet: action('deposit_fee.set', 'participants-billing', 'UPDATE', 'participant'),
  TopupSet: action('deposit_topup.set', 'participants-billing', 'UPDATE', 'participant'),
  /** A paid period asked for (plan change): the invoice beside the plan and period. */
  PaidPeriodSet: action('paid_period.set', 'participants-billing', 'UPDATE', 'participant'),
  TrialSet: action('trial.set', 'participants-billing', 'UPDATE', 'participant'),
  PaymentCustomerDelete: action('payment_customer.delete', 'participants-billing', 'DELETE', 'participant'),
  ParticipantDelete: action('participant.delete', 'participants-billing', 'DELETE', 'participant'),
  // certificates (target: the API key, owner: its participant)
  ApiKeyCreate: action('api_key.create', 'certificates', 'CREATE', 'api_key'),
  ApiKeyRevoke: action('api_key.revoke', 'certificates', 'UPDATE', 'api_key'),
} as const satisfies Record<string, AuditActionSpec>;

export const AUDIT_ACTION_NAMES: readonly string[] = Object.values(AuditAction).map((a) => a.name);

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 100;

/** Filters shared by the HTTP query and the per-service list. */
export interface AuditFilters {
  /** User id of the actor. */
  actor?: string;
  /** The target's id, or its owner's (a participant: also its API keys and memberships; a user: also its cashouts). */
  target?: string;
  action?: string;
  /** ISO 8601; inclusive. */
  from?: string;
  /** ISO 8601; exclusive. */
  to?: string;
}

/**
 * Body of `POST /identity-service/audit/get`. Paging is by cursor (keyset): `cursor` is the
 * `next_cursor` of the previous page; pages stay stable while new events are recorded.
 */
export interface AuditQuery extends AuditFilters { limit?: number; cursor?: string }

/** Where a page ends: events strictly older than this (time, then id) come next. */
export interface AuditPosition { time: string; id: string }

/** `<Service>Pattern.AuditList` data: the newest `limit` events matching the filters, older than `before`. */
export interface AuditListRequest extends AuditFilters { limit: number; before?: AuditPosition }

export interface AuditEventView {
  id: string;
  /** ISO 8601 with microseconds (UTC): sorts as text. */
  time: string;
  service: ServiceName;
  action: string;
  operation: AuditOperation;
  target: { type: string; id: string; owner: string | null };
  actor: { user_id: string | null; participant_id: string | null; ip: string | null; request_id: string | null; caller: string | null };
  /** The changed fields before and after; null for a creation (before) or a deletion (after). Never a secret. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Answer of `POST /identity-service/audit/get`. */
export interface AuditAnswer {
  /** Newest first (time, then id), at most `limit`. */
  events: AuditEventView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: string | null;
  /** Services that did not answer: `events` lacks their records (the answer is still 200). */
  incomplete: ServiceName[];
}
