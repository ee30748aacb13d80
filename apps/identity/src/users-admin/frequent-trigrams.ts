import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { summarise, type TrigramSample } from './trigram-sample.js';
import { UserSearchRepository } from './user-search.repository.js';

/** Fields of user_search with their own trigram index (users-filters.ts TRIGRAM_FIELDS). */
export const TRIGRAM_INDEXED = ['email', 'phone'] as const;
export type TrigramField = (typeof TRIGRAM_INDEXED)[number];

/** About this many values are sampled (pages at random: TABLESAMPLE SYSTEM). */
const SAMPLE_ROWS = 5000;
const MAX_AGE_MS = 15 * 60_000;

/**
 * A sample of the emails and phones of user_search, to search the trigram index cheaply. A GIN
 * trigram search reads the whole posting list of every trigram of its pattern: one that most values
 * share (a domain, a country prefix) costs as much as reading every user, however rare the others
 * are. The index is asked for a rarer part of the value and the whole pattern is tested on the
 * rows it returns (users-filters.ts), so the answer never depends on the sample, only the speed.
 * Kept in memory, taken at start and again in the background when older than MAX_AGE_MS.
 */
@Injectable()
export class FrequentTrigrams implements OnApplicationBootstrap {
  private readonly logger = new Logger(FrequentTrigrams.name);
  private readonly samples = new Map<TrigramField, TrigramSample>();
  private sampledAt = 0;
  private sampling?: Promise<void>;

  constructor(private readonly search: UserSearchRepository) {}

  onApplicationBootstrap(): void {
    void this.refresh();
  }

  /** The samples by field (none until the first is in). */
  current(): ReadonlyMap<string, TrigramSample> {
    if (Date.now() - this.sampledAt > MAX_AGE_MS) void this.refresh();
    return this.samples;
  }

  /** The samples once the one under way (or a new one) is in: for EXPLAINs of bench/users-search.mjs. */
  async sampled(): Promise<ReadonlyMap<string, TrigramSample>> {
    await (this.sampling ?? this.refresh());
    return this.samples;
  }

  private refresh(): Promise<void> {
    this.sampling ??= this.sample()
      .catch((error: Error) => this.logger.warn(`trigram sample failed: ${error.message}`))
      .finally(() => { this.sampling = undefined; });
    return this.sampling;
  }

  private async sample(): Promise<void> {
    this.sampledAt = Date.now();
    const percent = Math.min(100, (200 * SAMPLE_ROWS) / await this.search.estimatedRows());
    for (const field of TRIGRAM_INDEXED) {
      this.samples.set(field, summarise(await this.search.sampleValues(field, percent, 2 * SAMPLE_ROWS)));
    }
  }
}
