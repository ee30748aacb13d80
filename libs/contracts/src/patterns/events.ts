import type { ServiceName } from '../services.js';
import type { ParticipantSummary } from './participants-billing.js';
import type { AccountLevelInfo } from './rewards.js';

/**
 * Events (`client.emit`): each subscribing service gets each event once, load-balanced across
 * its replicas; handlers must be idempotent (an event may be delivered again after a crash).
 * Every event has its own stream per subscribing service, so nothing a subscriber has not
 * acknowledged is ever trimmed, even while it is down.
 */
export const Events = {
  /**
   * ParticipantRegistrationRequestedEvent, emitted by participants-billing on `POST /account/participant`:
   * identity's moderator decides it like a brand unlock (mail with approve/reject links).
   */
  ParticipantRegistrationRequested: 'participant.registration-requested',
  /**
   * ParticipantChangedEvent, emitted by participants-billing when a participant is created or its
   * name, modules, prefixes or contact fields change: identity keeps the summaries it shows (sign-in
   * modules, GET /account, switch-context) without a hop.
   */
  ParticipantChanged: 'participant.changed',
  /** ParticipantDeletedEvent, emitted by participants-billing; the others delete coupled data, then call `BillingPattern.ParticipantDeletionAck`. */
  ParticipantDeleted: 'participant.deleted',
  /** UserProfileEvent, emitted by identity when an account is created and when its name, photo or time zone change. */
  UserProfile: 'user.profile',
  /** UserDeletedEvent, emitted by identity when a user deletes the account; others drop that user's data. */
  UserDeleted: 'user.deleted',
  /** UserMergedEvent, emitted by identity on an account merge; others move the secondary's data to the primary. */
  UserMerged: 'user.merged',
  /**
   * UserAccountSummariesEvent, emitted by rewards (batched, at most about once a second per user) when
   * what GET /account shows of rewards changed: identity answers the route from its own copy.
   */
  UserAccountSummaries: 'user.account-summaries',
  /**
   * UserStatsBatchEvent (identity-admin.ts; a single UserStatsEvent is accepted too), emitted by the
   * owners of user statistics for identity's users admin read model.
   */
  UserStats: 'user.stats',
  /** PushRequestedEvent, emitted by rewards for the pushes it records in its outbox (many per event); identity delivers them to the users' devices. */
  PushRequested: 'push.requested',
} as const;
export type EventName = (typeof Events)[keyof typeof Events];

/**
 * Who subscribes to each event. The emitting client writes one stream entry per subscriber, also
 * while that subscriber is down; a repo-wide test checks this table against the handlers.
 */
export const EVENT_SUBSCRIBERS: Readonly<Record<EventName, readonly ServiceName[]>> = {
  [Events.ParticipantRegistrationRequested]: ['identity'],
  [Events.ParticipantChanged]: ['identity'],
  [Events.ParticipantDeleted]: ['identity', 'rewards', 'certificates'],
  [Events.UserProfile]: ['rewards', 'certificates'],
  [Events.UserDeleted]: ['rewards', 'participants-billing', 'certificates'],
  [Events.UserMerged]: ['rewards', 'certificates'],
  [Events.UserStats]: ['identity'],
  [Events.UserAccountSummaries]: ['identity'],
  [Events.PushRequested]: ['identity'],
};

export interface ParticipantDeletedEvent { participantId: string; requestId: string }
/**
 * What GET /account shows of rewards for one user, absolute; `version` (epoch ms of the computation)
 * orders them; `validUntil` (ISO) is when its texts change without any event (a new local day, a
 * boost's end): identity asks rewards again after it.
 */
export interface UserAccountSummary extends AccountLevelInfo {
  userId: string;
  version: number;
  coins: string;
  pendingCoins: string;
  validUntil: string;
}
export interface UserAccountSummariesEvent { summaries: UserAccountSummary[] }

/** The whole summary (absolute, so a redelivered or late event is harmless); `version` orders them (epoch ms). */
export interface ParticipantChangedEvent { participant: ParticipantSummary; version: number }
export interface ParticipantRegistrationRequestedEvent {
  /** Billing's registration request: one moderator decision per request, however often the event arrives. */
  requestId: string;
  userId: string;
  company_prefix: string;
  name: string;
  brand_name: string[];
  country: string;
  participant_type: string;
  pending_plan: string;
  gs1_activation_code?: string;
}
/**
 * A user exists (or changed). User ids follow from the login (`urn:authenticateit:user:email:<email>`),
 * so a person who deleted the account and registers again gets the same id: `registeredAt` tells
 * the new account from the deleted one.
 */
export interface UserProfileEvent {
  userId: string;
  /** ISO time the account was created. */
  registeredAt: string;
  timezoneMin?: number;
  firstName?: string | null;
  lastName?: string | null;
  photo?: string | null;
}
/** `deletedAt` (ISO) makes each deletion of a returning user its own event. */
export interface UserDeletedEvent { userId: string; deletedAt: string }
export interface UserMergedEvent { primaryUserId: string; secondaryUserId: string }

/**
 * One push message for every device of a user. `messageId` is stable (rewards' outbox row), so a
 * redelivered or re-emitted push is delivered at most once per device. `payload` travels to the
 * app as the provider's custom data (string values, as FCM requires).
 */
export interface PushRequest {
  messageId: string;
  userId: string;
  title: string;
  body: string;
  payload: Record<string, string>;
}
/**
 * push.requested: the pushes rewards recorded close together, one event for many (at most
 * PUSH_REQUESTED_MAX pushes). Identity also takes a bare PushRequest, the event's earlier shape.
 */
export interface PushRequestedEvent { pushes: PushRequest[] }
export const PUSH_REQUESTED_MAX = 500;
