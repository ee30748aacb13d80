import { Matches } from 'class-validator';

/** Who approves participant registrations (the moderator's mailbox). */
export class PendingParticipantEnv {
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  MODERATOR_EMAIL = 'moderator@example.com';
}
