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
  // identity
  UserBlock: action('user.block', 'identity', 'UPDATE', 'user'),
  UserUnblock: action('user.unblock', 'identity', 'UPDATE', 'user'),
  /** target: the user, owner: the participant. */
  MembershipNominate: action('membership.nominate', 'identity', 'CREATE', 'membership'),
  MembershipDenominate: action('membership.denominate', 'identity', 'DELETE', 'membership'),
  PhoneVerificationReset: action('phone_verification.reset', 'identity', 'ACTION', 'user'),
  /** The moderator's decision link: target the registering user, owner the new participant. */
  RegistrationApprove: action('participant_registration.approve', 'identity', 'ACTION', 'participant_registration'),
  RegistrationReject: action('participant_registration.reject', 'identity', 'ACTION', 'participant_registration'),
  /** A system user read the decision code of a registration (the code itself is never recorded). */
  RegistrationCodeRead: action('participant_registration.code_read', 'identity', 'ACTION', 'participant_registration'),
  // rewards
  RewardsBanSet: action('rewards_ban.set', 'rewards', 'CREATE', 'user'),
  RewardsBanUnset: action('rewards_ban.unset', 'rewards', 'DELETE', 'user'),
  /** target: the cashout transaction, owner: the user. */
  CashoutStatus: action('cashout.status', 'rewards', 'UPDATE', 'cashout'),
  TimelineMessage: action('timeline.message', 'rewards', 'CREATE', 'user'),
  JobRun: action('job.run', 'rewards', 'ACTION', 'job'),
  // participants-billing (target: the participant)
  FeeSet: action('deposit_fee.set', 'participants-billing', 'UPDATE', 'participant'),
  TopupSet: action('deposit_topup.set', 'participants-billing', 'UPDATE', 'participant'),
  PaidPeriodSet: action('paid_period.set', 'participants-billing', 'CREATE', 'participant'),
  TrialSet: action('trial.set', 'participants-billing', 'UPDATE', 'participant'),
  ContactsSet: action('participant_contacts.set', 'participants-billing', 'UPDATE', 'participant'),
  PaymentCustomerDelete: action('payment_customer.delete', 'participants-billing', 'DELETE', 'participant'),
  ParticipantDelete: action('participant.delete', 'participants-billing', 'DELETE', 'participant'),
  // certificates (owner: the participant, or the user of a certificate)
  ApiKeyCreate: action('api_key.create', 'certificates', 'CREATE', 'api_key'),
  ApiKeyRevoke: action('api_key.revoke', 'certificates', 'UPDATE', 'api_key'),
  UserCertificateIssue: action('user_certificate.issue', 'certificates', 'CREATE', 'user_certificate'),
} as const satisfies Record<string, AuditActionSpec>;

export const AUDIT_ACTION_NAMES: readonly string[] = Object.values(AuditAction).map((a) => a.name);

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 200;
/** Deeper pages: narrow the time range (`to` = the time of the last event seen). */
export const AUDIT_MAX_OFFSET = 2000;

/** Filters shared by the HTTP query and the per-service list. */
export interface AuditFilters {
  /** User id of the actor. */
  actor?: string;
  /** The target's id, or its owner's (a participant: also its API keys and memberships; a user: also its cashouts and certificates). */
  target?: string;
  action?: string;
  /** ISO 8601; inclusive. */
  from?: string;
  /** ISO 8601; exclusive. */
  to?: string;
}

/** Body of `POST /identity-service/audit/get`. */
export interface AuditQuery extends AuditFilters { offset?: number; limit?: number }

/** `<Service>Pattern.AuditList` data: the newest `limit` events matching the filters. */
export interface AuditListRequest extends AuditFilters { limit: number }

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

export interface AuditAnswer {
  events: AuditEventView[];
  offset: number;
  limit: number;
  has_more: boolean;
  /** True when a service did not answer: `events` lacks its records. */
  partial: boolean;
  unavailable: ServiceName[];
}
