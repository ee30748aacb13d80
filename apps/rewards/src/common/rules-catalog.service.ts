import { Injectable } from '@nestjs/common';
import { type Rules, RulesRepository } from './rules.repository.js';
import type { LevelDefinition } from '../levels/level-types.js';

export type { Campaign, ScanIntervalRule } from './rules.repository.js';

interface Snapshot extends Rules { loadedAt: number }

const TTL_MS = 30_000;

/** Levels, texts, reminder and ban rules live in tables (seeded from the doc); cached briefly. */
@Injectable()
export class RulesCatalog {
  private snapshot?: Snapshot;
  constructor(private readonly rules: RulesRepository) {}

  async get(): Promise<Snapshot> {
    if (this.snapshot && Date.now() - this.snapshot.loadedAt < TTL_MS) return this.snapshot;
    this.snapshot = { ...await this.rules.load(), loadedAt: Date.now() };
    return this.snapshot;
  }

  async level(type: string): Promise<LevelDefinition> {
    const { levels } = await this.get();
    return levels.find((l) => l.type === type) ?? levels[0];
  }
}
