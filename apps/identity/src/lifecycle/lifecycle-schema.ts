import { MergedAccountEntity } from '../merge/merged-account.entity.js';
import { PendingParticipantEntity } from '../pending-participants/pending-participant.entity.js';
import { AccountLifecycleTables1767400000000 } from '../migrations/1767400000000-AccountLifecycleTables.js';
import { PendingParticipantSource1767500000000 } from '../migrations/1767500000000-PendingParticipantSource.js';
import { ParticipantDirectory1767600000000 } from '../migrations/1767600000000-ParticipantDirectory.js';
import { AccountSummaries1767700000000 } from '../migrations/1767700000000-AccountSummaries.js';

/** Tables of merge, pending participants and the users admin read model (added to identity-schema.ts). */
export const LIFECYCLE_ENTITIES = [MergedAccountEntity, PendingParticipantEntity];
export const LIFECYCLE_MIGRATIONS = [AccountLifecycleTables1767400000000, PendingParticipantSource1767500000000, ParticipantDirectory1767600000000,
  AccountSummaries1767700000000];
