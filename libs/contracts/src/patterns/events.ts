import type { ServiceName } from '../services.js';

/**
 * Events (`client.emit`): each subscribing service gets each event once, load-balanced across
 * its replicas; handlers must be idempotent (an event may be delivered again after a crash).
 * Every event has its own stream per subscribing service, so nothing a subscriber has not
 * acknowledged is ever trimmed, even while it is down.
 */
export const Events = {
  /** ParticipantDeletedEvent, emitted by participants-billing; the others delete coupled data, then call `BillingPattern.ParticipantDeletionAck`. */
  ParticipantDeleted: 'participant.deleted',
  /** UserDeletedEvent, emitted by identity when a user deletes the account; others drop that user's data. */
  UserDeleted: 'user.deleted',
  /** UserMergedEvent, emitted by identity on an account merge; others move the secondary's data to the primary. */
  UserMerged: 'user.merged',
  /** UserStatsEvent (identity-admin.ts), emitted by the owners of user statistics for identity's users admin read model. */
  UserStats: 'user.stats',
  /** PushRequestedEvent, emitted by rewards for each push it records in its outbox; identity delivers it to the user's devices. */
  PushRequested: 'push.requested',
} as const;
export type EventName = (typeof Events)[keyof typeof Events];

/**
 * Who subscribes to each event. The emitting client writes one stream entry per subscriber, also
 * while that subscriber is down; a repo-wide test checks this table against the handlers.
 */
export const EVENT_SUBSCRIBERS: Readonly<Record<EventName, readonly ServiceName[]>> = {
  [Events.ParticipantDeleted]: ['identity', 'rewards', 'certificates'],
  [Events.UserDeleted]: ['rewards', 'participants-billing', 'certificates'],
  [Events.UserMerged]: ['rewards', 'certificates'],
  [Events.UserStats]: ['identity'],
  [Events.PushRequested]: ['identity'],
};

export interface ParticipantDeletedEvent { participantId: string; requestId: string }
export interface UserDeletedEvent { userId: string }
export interface UserMergedEvent { primaryUserId: string; secondaryUserId: string }

/**
 * One push message for every device of a user. `messageId` is stable (rewards' outbox row), so a
 * redelivered or re-emitted event is delivered at most once per device. `payload` travels to the
 * app as the provider's custom data (string values, as FCM requires).
 */
export interface PushRequestedEvent {
  messageId: string;
  userId: string;
  title: string;
  body: string;
  payload: Record<string, string>;
}
