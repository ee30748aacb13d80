import { UserEntity } from '../accounts/user.entity.js';
import { ActivationEntity } from '../accounts/activation.entity.js';
import { MembershipEntity } from '../memberships/membership.entity.js';
import { DeviceEntity } from '../devices/device.entity.js';
import { MergedAccountEntity } from '../merge/merged-account.entity.js';
import { PendingParticipantEntity } from '../pending-participants/pending-participant.entity.js';
import { CreateIdentitySchema1767225600000 } from '../migrations/1767225600000-CreateIdentitySchema.js';
import { AccountSettingsPhoneDevices1767300000000 } from '../migrations/1767300000000-AccountSettingsPhoneDevices.js';
import { AccountLifecycleTables1767400000000 } from '../migrations/1767400000000-AccountLifecycleTables.js';
import { PendingParticipantSource1767500000000 } from '../migrations/1767500000000-PendingParticipantSource.js';
import { ParticipantDirectory1767600000000 } from '../migrations/1767600000000-ParticipantDirectory.js';
import { AccountSummaries1767700000000 } from '../migrations/1767700000000-AccountSummaries.js';
import { PushFailures1767514000000 } from '../migrations/1767514000000-PushFailures.js';
import { UsersAdminSearch1767400000020 } from '../migrations/1767400000020-UsersAdminSearch.js';
import { AuditTrail1767800000000 } from '../migrations/1767800000000-AuditTrail.js';
import { AccountChangeNotices1767950000000 } from '../migrations/1767950000000-AccountChangeNotices.js';
import { UsersCreatedDays1768000000300 } from '../migrations/1768000000300-UsersCreatedDays.js';

export const IDENTITY_SCHEMA = 'identity';
export const IDENTITY_ENTITIES = [UserEntity, ActivationEntity, MembershipEntity, DeviceEntity, MergedAccountEntity, PendingParticipantEntity];
/** Listed explicitly (no globs): the build output and the CLI see the same set. */
export const IDENTITY_MIGRATIONS = [CreateIdentitySchema1767225600000, AccountSettingsPhoneDevices1767300000000,
  AccountLifecycleTables1767400000000, PendingParticipantSource1767500000000, ParticipantDirectory1767600000000, AccountSummaries1767700000000,
  UsersAdminSearch1767400000020, PushFailures1767514000000, AuditTrail1767800000000, AccountChangeNotices1767950000000, UsersCreatedDays1768000000300];
