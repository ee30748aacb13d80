import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UserStatsEvent } from '#libs/contracts';
import { COIN_STATS, DAILY_STATS, FLOAT_STATS, INT_STATS, LEVELS, TIME_STATS } from './user-stat-columns.js';

const COUNTERS = new Set<string>([...INT_STATS, ...DAILY_STATS]);
const PER_DAY = new Set<string>([...DAILY_STATS, ...INT_STATS.filter((c) => c.includes('_rewarded_widget_'))]);
const SETTABLE: Record<string, (v: unknown) => boolean> = {
  ...Object.fromEntries([...INT_STATS, ...DAILY_STATS].map((c) => [c, (v: unknown) => Number.isInteger(v) && (v as number) >= 0])),
  ...Object.fromEntries(FLOAT_STATS.map((c) => [c, (v: unknown) => typeof v === 'number' && Number.isFinite(v)])),
  ...Object.fromEntries(COIN_STATS.map((c) => [c, (v: unknown) => typeof v === 'string' && /^\d{1,78}$/.test(v)])),
  ...Object.fromEntries(TIME_STATS.map((c) => [c, (v: unknown) => v === null || (typeof v === 'string' && !Number.isNaN(Date.parse(v)))])),
  level: (v) => LEVELS.includes(v as never),
  contributor_status: (v) => typeof v === 'string' && v.length <= 50,
  rewards_ban_status: (v) => v === 'active' || v === 'inactive',
};

/** Applies `user.stats` events to the read model; bad fields are dropped with a warning, never thrown back. */
@Injectable()
export class UserStatsService {
  private readonly logger = new Logger('UserStats');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async apply(raw: unknown): Promise<void> {
    const event = raw as UserStatsEvent;
    if (typeof event?.userId !== 'string') return;
    const sets: [string, unknown][] = Object.entries(event.set ?? {}).filter(([k, v]) => SETTABLE[k]?.(v));
    const adds: [string, number][] = Object.entries(event.add ?? {}).filter(([k, v]) => COUNTERS.has(k) && Number.isInteger(v)) as [string, number][];
    const dropped = Object.keys(event.set ?? {}).length + Object.keys(event.add ?? {}).length - sets.length - adds.length;
    if (dropped > 0) this.logger.warn({ msg: 'user.stats fields ignored', userId: event.userId, dropped });
    if (sets.length === 0 && adds.length === 0) return;
    const day = typeof event.day === 'string' && /^\d{4}-\d\d-\d\d$/.test(event.day) ? event.day : new Date().toISOString().slice(0, 10);
    await this.dataSource.transaction(async (tx) => {
      const params: unknown[] = [event.userId];
      const assignments = [
        ...sets.map(([k, v]) => { params.push(v); return `${k} = $${params.length}`; }),
        ...adds.map(([k, v]) => { params.push(v); return `${k} = GREATEST(${k} + $${params.length}, 0)`; }),
      ];
      const updated = await tx.query(`UPDATE identity.user_stats SET ${assignments.join(', ')} WHERE user_id = $1 RETURNING user_id`, params);
      const rows = Array.isArray(updated[0]) ? updated[0] : updated;
      if (rows.length === 0) return; // unknown (or deleted) user
      for (const [metric, value] of adds.filter(([k]) => PER_DAY.has(k))) {
        await tx.query(`INSERT INTO identity.user_stat_days (metric, day, user_id, value) VALUES ($1, $2, $3, $4)
          ON CONFLICT (metric, day, user_id) DO UPDATE SET value = identity.user_stat_days.value + EXCLUDED.value`, [metric, day, event.userId, value]);
      }
    });
  }
}
