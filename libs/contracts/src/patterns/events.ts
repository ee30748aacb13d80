/**
 * Events (`client.emit`): each subscribing service gets each event once, load-balanced across
 * its replicas; handlers must be idempotent (an event may be delivered again after a crash).
 * `user.stats` is declared with identity's read model in identity-admin.ts.
 */
export const EVENTS = {
  /** Emitted by participants-billing; identity, rewards and certificates delete coupled data, then call `billing.participant.deletion-ack`. */
  participantDeleted: 'participant.deleted',
  /** Emitted by identity when a user deletes the account; others drop that user's data. */
  userDeleted: 'user.deleted',
  /** Emitted by identity on an account merge; others move the secondary's data to the primary. */
  userMerged: 'user.merged',
} as const;

export interface ParticipantDeletedEvent { participantId: string; requestId: string }
export interface UserDeletedEvent { userId: string }
export interface UserMergedEvent { primaryUserId: string; secondaryUserId: string }
