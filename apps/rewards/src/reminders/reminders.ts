import type { DataSource } from 'typeorm';
import type { PushRequestedEvent } from '#libs/contracts';
import type { LevelDefinition } from '../levels/level-types.js';
import { levelProgress, monthWindow, percentages, targetLevel } from '../levels/level-rules.js';
import { monthStats } from '../levels/levels.service.js';
import { type ReminderFacts, reminderDue } from './reminder-rules.js';
import type { ReminderRule } from './reminder-types.js';
import { recordPush } from '../push/push-outbox.js';
import { reminderText } from '../push/reminder-texts.js';

export interface ReminderPushOptions {
  /** Title of every reminder push. */
  title: string;
  /** Hears each recorded push once its transaction has committed. */
  onPush?: (event: PushRequestedEvent) => Promise<void>;
}

const DAY_MS = 86_400_000;

/** Evaluates every rule for every user; each reminder due is recorded and queued in the outbox (push). */
export async function evaluateReminders(
  ds: DataSource, rules: ReminderRule[], levels: LevelDefinition[], now = new Date(), batchSize = 500,
  push: ReminderPushOptions = { title: 'Rewards' },
): Promise<{ users: number; sent: number }> {
  const rank = (type: string | null) => (type === null ? null : Math.max(0, levels.findIndex((l) => l.type === type)));
  let cursor = '';
  let users = 0;
  let sent = 0;
  for (;;) {
    const batch = await ds.query(
      `SELECT u.user_id, u.level, u.previous_level, u.timezone_min, u.registered_at, u.last_scan_at, coalesce(b.coins, 0) > 0 AS has_coins,
              (SELECT count(*)::int FROM rewards.buddies x WHERE x.user_id = u.user_id) AS buddies
       FROM rewards.users u LEFT JOIN rewards.balances b ON b.user_id = u.user_id
       WHERE u.user_id > $1 ORDER BY u.user_id LIMIT ${batchSize}`, [cursor],
    ) as { user_id: string; level: string; previous_level: string | null; timezone_min: number; registered_at: Date; last_scan_at: Date | null; has_coins: boolean; buddies: number }[];
    if (batch.length === 0) break;
    for (const u of batch) {
      users += 1;
      const window = monthWindow(now, u.timezone_min);
      const stats = await monthStats(ds, u.user_id, window, u.timezone_min);
      const facts: ReminderFacts = {
        daysFromRegistration: Math.floor((now.getTime() - u.registered_at.getTime()) / DAY_MS),
        daysFromLastScan: u.last_scan_at ? Math.floor((now.getTime() - u.last_scan_at.getTime()) / DAY_MS) : null,
        hasCoins: u.has_coins,
        buddies: u.buddies,
        currentPercentages: percentages(levelProgress(targetLevel(levels, u.level), stats, window.daysInMonth)),
        levelRank: rank(u.level)!,
        previousLevelRank: rank(u.previous_level),
        topRank: levels.length - 1,
      };
      const last = new Map((await ds.query(
        'SELECT reminder, max(ts) AS ts FROM rewards.reminders_sent WHERE user_id = $1 GROUP BY reminder', [u.user_id],
      ) as { reminder: string; ts: Date }[]).map((r) => [r.reminder, r.ts]));
      for (const rule of rules) {
        if (!reminderDue(rule, facts, last.get(rule.id) ?? null, now)) continue;
        const event = await ds.transaction(async (m) => {
          await m.query('INSERT INTO rewards.reminders_sent (user_id, reminder, ts) VALUES ($1, $2, $3)', [u.user_id, rule.id, now]);
          return recordPush(m, u.user_id, {
            title: push.title, body: reminderText(rule.id),
            data: { type: 'reminder', reminder: rule.id, template: rule.template },
            record: { template: rule.template, reminder: rule.id },
          });
        });
        await push.onPush?.(event);
        sent += 1;
      }
    }
    cursor = batch[batch.length - 1].user_id;
  }
  return { users, sent };
}
