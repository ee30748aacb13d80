import { Global, Module } from '@nestjs/common';
import { ActivationsRepository } from '../accounts/activations.repository.js';
import { NotificationSettingsRepository } from '../accounts/notification-settings.repository.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { DevicesRepository } from '../devices/devices.repository.js';
import { MembershipsRepository } from '../memberships/memberships.repository.js';
import { ParticipantsRepository } from '../memberships/participants.repository.js';
import { MergedAccountsRepository } from '../merge/merged-accounts.repository.js';
import { PendingParticipantsRepository } from '../pending-participants/pending-participants.repository.js';
import { UserSearchRepository } from '../users-admin/user-search.repository.js';
import { Transactions } from './transactions.js';

const SHARED = [Transactions, UsersRepository, ActivationsRepository, NotificationSettingsRepository, MembershipsRepository, ParticipantsRepository,
  MergedAccountsRepository, PendingParticipantsRepository, DevicesRepository, UserSearchRepository];

/**
 * The repositories of aggregates that several feature modules write (users, memberships, merges,
 * pending participants, devices, the users admin read model), each defined in its feature folder; global like the data source.
 * A repository only one feature uses is provided by that feature's module.
 */
@Global()
@Module({ providers: SHARED, exports: SHARED })
export class IdentityDataModule {}
