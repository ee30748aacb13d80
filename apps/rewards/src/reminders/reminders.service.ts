import { Injectable } from '@nestjs/common';
import type { PushRequest } from '#libs/contracts';
import type { LevelDefinition } from '../levels/level-types.js';
import { levelProgress, monthWindow, percentages, targetLevel } from '../levels/level-rules.js';
import { LevelsRepository } from '../levels/levels.repository.js';
import { type ReminderFacts, reminderDue } from './reminder-rules.js';
import type { ReminderRule } from './reminder-types.js';
import { RemindersRepository } from './reminders.repository.js';
import { OutboxRepository } from '../push/outbox.repository.js';
import { reminderText } from '../push/reminder-texts.js';

export interface ReminderPushOptions {
  /** Title of every reminder push. */
  title: string;
  /** Hears each recorded push once its transaction has committed (awaited per batch of users, so emits coalesce). */
  onPush?: (event: PushRequest) => Promise<void>;
}

const DAY_MS = 86_400_000;

@Injectable()
export class RemindersService {
  constructor(private readonly reminders: RemindersRepository, private readonly levelStats: LevelsRepository, private readonly outbox: OutboxRepository) {}

  /** Evaluates every rule for every user; each reminder due is recorded and queued in the outbox (push). */
  async evaluate(
    rules: ReminderRule[], levels: LevelDefinition[], now = new Date(), batchSize = 500,
    push: ReminderPushOptions = { title: 'Rewards' },
  ): Promise<{ users: number; sent: number }> {
    const rank = (type: string | null) => (type === null ? null : Math.max(0, levels.findIndex((l) => l.type === type)));
    let cursor = '';
    let users = 0;
    let sent = 0;
    for (;;) {
      const batch = await this.reminders.usersAfter(cursor, batchSize);
      if (batch.length === 0) break;
      const handedOver: Promise<void>[] = [];
      for (const u of batch) {
        users += 1;
        const window = monthWindow(now, u.timezone_min);
        const stats = await this.levelStats.monthStats(u.user_id, window, u.timezone_min);
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
        const last = await this.reminders.lastSent(u.user_id);
        for (const rule of rules) {
          if (!reminderDue(rule, facts, last.get(rule.id) ?? null, now)) continue;
          const event = await this.reminders.transaction(async (m) => {
            await this.reminders.recordSent(m, u.user_id, rule.id, now);
            return this.outbox.recordPush(m, u.user_id, {
              title: push.title, body: reminderText(rule.id),
              data: { type: 'reminder', reminder: rule.id, template: rule.template },
              record: { template: rule.template, reminder: rule.id },
            });
          });
          if (push.onPush) handedOver.push(push.onPush(event));
          sent += 1;
        }
      }
      await Promise.all(handedOver);
      cursor = batch[batch.length - 1].user_id;
    }
    return { users, sent };
  }
}
