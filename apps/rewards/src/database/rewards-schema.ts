import { CreateRewardsSchema1767300000000 } from '../migrations/1767300000000-CreateRewardsSchema.js';
import { SeedRewardsRules1767300000001 } from '../migrations/1767300000001-SeedRewardsRules.js';
import { UserCountersAndDeletion1767300000002 } from '../migrations/1767300000002-UserCountersAndDeletion.js';
import { AccountSummaryFeed1767300000003 } from '../migrations/1767300000003-AccountSummaryFeed.js';
import { OutboxUnsentIndex1767514000000 } from '../migrations/1767514000000-OutboxUnsentIndex.js';
import { UserStatsSnapshots1767300000020 } from '../migrations/1767300000020-UserStatsSnapshots.js';
import { AuditTrail1767800000000 } from '../migrations/1767800000000-AuditTrail.js';
import { ProcessedInputDigest1767900000000 } from '../migrations/1767900000000-ProcessedInputDigest.js';
import { CheaperSummaryMarks1767900000001 } from '../migrations/1767900000001-CheaperSummaryMarks.js';
import { UsersRoomForHotUpdates1768213000000 } from '../migrations/1768213000000-UsersRoomForHotUpdates.js';
import { CheaperScanWrites1768300000000 } from '../migrations/1768300000000-CheaperScanWrites.js';

export const REWARDS_SCHEMA = 'rewards';
/** Plain SQL through the DataSource: no entities. */
export const REWARDS_ENTITIES = [];
/** Listed explicitly (no globs): the build output and the CLI see the same set. */
export const REWARDS_MIGRATIONS = [CreateRewardsSchema1767300000000, SeedRewardsRules1767300000001, UserCountersAndDeletion1767300000002, UserStatsSnapshots1767300000020, AccountSummaryFeed1767300000003, OutboxUnsentIndex1767514000000,
  AuditTrail1767800000000, ProcessedInputDigest1767900000000, CheaperSummaryMarks1767900000001,
  UsersRoomForHotUpdates1768213000000, CheaperScanWrites1768300000000];
