import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LevelDefinition } from '../levels/level-types.js';
import type { ReminderRule } from '../reminders/reminder-types.js';

export interface ScanIntervalRule { reason: string; min_interval_ms: number; ban_seconds: number }
export interface Campaign { id: string; name: string; coin_rate: number }

interface Snapshot {
  levels: LevelDefinition[];
  contributorLevels: Record<string, unknown>[];
  reminderRules: ReminderRule[];
  scanInterval: ScanIntervalRule | undefined;
  campaigns: Map<string, Campaign>;
  loadedAt: number;
}

const TTL_MS = 30_000;

/** Levels, texts, reminder and ban rules live in tables (seeded from the doc); cached briefly. */
@Injectable()
export class RulesCatalog {
  private snapshot?: Snapshot;
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async get(): Promise<Snapshot> {
    if (this.snapshot && Date.now() - this.snapshot.loadedAt < TTL_MS) return this.snapshot;
    const [levels, contributors, reminders, bans, campaigns] = await Promise.all([
      this.ds.query('SELECT definition FROM rewards.level_definitions ORDER BY position'),
      this.ds.query('SELECT definition FROM rewards.contributor_levels ORDER BY position'),
      this.ds.query('SELECT rule FROM rewards.reminder_rules ORDER BY position'),
      this.ds.query(`SELECT rule FROM rewards.ban_rules WHERE id = 'scan_interval'`),
      this.ds.query('SELECT id, name, coin_rate FROM rewards.campaigns WHERE active'),
    ]) as [{ definition: LevelDefinition }[], { definition: Record<string, unknown> }[], { rule: ReminderRule }[], { rule: ScanIntervalRule }[], Campaign[]];
    this.snapshot = {
      levels: levels.map((r) => r.definition),
      contributorLevels: contributors.map((r) => r.definition),
      reminderRules: reminders.map((r) => r.rule),
      scanInterval: bans[0]?.rule,
      campaigns: new Map(campaigns.map((c) => [c.id, c])),
      loadedAt: Date.now(),
    };
    return this.snapshot;
  }

  async level(type: string): Promise<LevelDefinition> {
    const { levels } = await this.get();
    return levels.find((l) => l.type === type) ?? levels[0];
  }

  /** Base amount of an action (earnings `type`) at a level. */
  async earning(levelType: string, earningType: string): Promise<bigint> {
    const level = await this.level(levelType);
    const earning = level.earnings.find((e) => e.type === earningType);
    return earning ? BigInt(earning.coins) : 0n;
  }
}
