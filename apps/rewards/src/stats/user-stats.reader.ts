import { Injectable } from '@nestjs/common';
import { USER_STATS_PARTS, type UserStatsEvent, type UserStatsPart, type UserStatsValues } from '#libs/contracts';
import { UserStatsRepository } from './user-stats.repository.js';

/**
 * The statistics identity's users admin shows, re-derived from rewards' own tables (never kept as
 * counters), for a batch of users. A snapshot takes its version from `rewards.user_stats_version`
 * while it holds a transaction lock per user, and reads after the lock: of two snapshots of one
 * user, the one with the higher version read the later state. Identity keeps the highest version
 * per part, so snapshots may arrive in any order and any number of times.
 */
@Injectable()
export class UserStatsReader {
  constructor(private readonly repo: UserStatsRepository) {}

  /** `wanted`: the parts to read per user. */
  async snapshots(wanted: Map<string, ReadonlySet<UserStatsPart>>): Promise<UserStatsEvent[]> {
    if (wanted.size === 0) return [];
    return this.repo.transaction(async (m) => {
      const version = await this.repo.lockAndVersion(m, [...wanted.keys()]);
      const events = new Map([...wanted.keys()].map((userId) => [userId, { userId, version, parts: {} as Partial<UserStatsValues> }]));
      for (const part of USER_STATS_PARTS) {
        const ids = [...wanted].filter(([, parts]) => parts.has(part)).map(([id]) => id);
        if (ids.length === 0) continue;
        const values = await this.repo.read(m, part, ids);
        for (const id of ids) (events.get(id)!.parts as Record<string, unknown>)[part] = values.get(id);
      }
      return [...events.values()];
    });
  }

  /** Every part of each user (the reconciliation's batch). */
  all(userIds: string[], parts: readonly UserStatsPart[] = USER_STATS_PARTS): Promise<UserStatsEvent[]> {
    return this.snapshots(new Map([...new Set(userIds)].map((id) => [id, new Set(parts)])));
  }
}

