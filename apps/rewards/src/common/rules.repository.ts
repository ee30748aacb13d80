import { Injectable } from '@nestjs/common';
import type { LevelDefinition } from '../levels/level-types.js';
import type { ReminderRule } from '../reminders/reminder-types.js';
import { SqlRepository } from './sql-repository.js';

export interface ScanIntervalRule { reason: string; min_interval_ms: number; ban_seconds: number }
export interface Campaign { id: string; name: string; coin_rate: number }

export interface Rules {
  levels: LevelDefinition[];
  contributorLevels: Record<string, unknown>[];
  reminderRules: ReminderRule[];
  scanInterval: ScanIntervalRule | undefined;
  campaigns: Map<string, Campaign>;
}

/** The rules tables (levels, contributor levels, reminders, ban rules, campaigns), seeded from the doc. */
@Injectable()
export class RulesRepository extends SqlRepository {
  async load(): Promise<Rules> {
    const [levels, contributors, reminders, bans, campaigns] = await Promise.all([
      this.ds.query('SELECT definition FROM rewards.level_definitions ORDER BY position'),
      this.ds.query('SELECT definition FROM rewards.contributor_levels ORDER BY position'),
      this.ds.query('SELECT rule FROM rewards.reminder_rules ORDER BY position'),
      this.ds.query(`SELECT rule FROM rewards.ban_rules WHERE id = 'scan_interval'`),
      this.ds.query('SELECT id, name, coin_rate FROM rewards.campaigns WHERE active'),
    ]) as [{ definition: LevelDefinition }[], { definition: Record<string, unknown> }[], { rule: ReminderRule }[], { rule: ScanIntervalRule }[], Campaign[]];
    return {
      levels: levels.map((r) => r.definition),
      contributorLevels: contributors.map((r) => r.definition),
      reminderRules: reminders.map((r) => r.rule),
      scanInterval: bans[0]?.rule,
      campaigns: new Map(campaigns.map((c) => [c.id, c])),
    };
  }
}
