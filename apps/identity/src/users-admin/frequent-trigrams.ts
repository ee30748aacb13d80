import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Fields of user_search with their own trigram index (users-filters.ts TRIGRAM_FIELDS). */
export const TRIGRAM_INDEXED = ['email', 'phone'] as const;
type Field = (typeof TRIGRAM_INDEXED)[number];

/** About this many values are sampled (pages at random: TABLESAMPLE SYSTEM). */
const SAMPLE_ROWS = 5000;
const MAX_AGE_MS = 15 * 60_000;
/** Trigrams in fewer of the values than this cost the index little: a value made of them only is searched as is. */
const FREQUENT = 0.02;
/** Rough cost of a row fetched from the table and tested against one entry of a posting list read by the index. */
const ROW_COST = 100;
/** Parts of at most this many trigrams are weighed (longer ones are hardly rarer). */
const MAX_PART = 5;
/** Sampled values containing a run are counted when its rarest trigram is in at most this many (else the bound stands). */
const EXACT_UP_TO = 500;

/** What a sample of a field holds: its values (lower case) and, by trigram, the values it appears in. */
export interface TrigramSample { values: readonly string[]; postings: ReadonlyMap<string, readonly number[]> }

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
  private readonly samples = new Map<Field, TrigramSample>();
  private sampledAt = 0;
  private sampling?: Promise<void>;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

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
    // reltuples is -1 before the first ANALYZE: then the size in pages (≥ 10 rows each) stands in.
    const [{ rows }] = await this.dataSource.query(`SELECT greatest(reltuples, pg_relation_size(oid) / 8192 * 10, 1)::float8 AS rows
      FROM pg_class WHERE oid = 'identity.user_search'::regclass`) as { rows: number }[];
    const percent = Math.min(100, (200 * SAMPLE_ROWS) / rows);
    for (const field of TRIGRAM_INDEXED) {
      const found = await this.dataSource.query(`SELECT lower(x.${field}) AS v FROM identity.user_search x TABLESAMPLE SYSTEM ($1::float4)
        WHERE x.${field} IS NOT NULL LIMIT ${2 * SAMPLE_ROWS}`, [percent]) as { v: string }[];
      this.samples.set(field, summarise(found.map((r) => r.v)));
    }
  }
}

/** The sample of these values (lower case). */
export function summarise(values: string[]): TrigramSample {
  const postings = new Map<string, number[]>();
  values.forEach((value, i) => {
    const chars = Array.from(value);
    for (const t of new Set(chars.slice(0, -2).map((_, j) => chars.slice(j, j + 3).join('')).filter(isWordTrigram))) {
      const list = postings.get(t);
      if (list) list.push(i); else postings.set(t, [i]);
    }
  });
  return { values, postings };
}

const WORD = /^[\p{L}\p{N}]{3}$/u;
const isWordTrigram = (t: string) => WORD.test(t);

/**
 * The part of `value` the trigram index is best asked for, or undefined for the whole value: the
 * run of at most MAX_PART trigrams (three word characters, lower case, as pg_trgm makes them) with
 * the least cost, the shares of its trigrams (posting lists read) plus ROW_COST times the share of
 * the sampled values containing it (rows fetched and tested).
 */
export function rarePart(value: string, sample: TrigramSample | undefined): string | undefined {
  if (!sample || sample.values.length === 0) return undefined;
  const size = sample.values.length;
  const chars = Array.from(value);
  const trigrams = chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('').toLowerCase());
  const share = (t: string) => (sample.postings.get(t)?.length ?? 0) / size;
  if (!trigrams.some((t) => share(t) >= FREQUENT)) return undefined;
  const floor = 0.5 / size;
  // Every run with what its index search reads and the values of its rarest trigram (a bound on
  // those containing it); the exact count only for runs whose lower bound can still win.
  const runs: { part: string; read: number; rarest: readonly number[] }[] = [];
  for (let i = 0; i < trigrams.length; i++) {
    let read = 0;
    let rarest: readonly number[] = sample.values.map((_, k) => k);
    for (let n = 1; n <= MAX_PART && i + n <= trigrams.length && isWordTrigram(trigrams[i + n - 1]); n++) {
      const list = sample.postings.get(trigrams[i + n - 1]) ?? [];
      read += list.length / size;
      if (list.length < rarest.length) rarest = list;
      runs.push({ part: chars.slice(i, i + n + 2).join(''), read, rarest });
    }
  }
  const whole = trigrams.reduce((sum, t) => sum + share(t), 0) + ROW_COST * floor;
  let best: { cost: number; part?: string } = { cost: whole };
  for (const run of runs) {
    const bound = run.read + ROW_COST * Math.max(run.rarest.length / size, floor);
    if (bound < best.cost) best = { cost: bound, part: run.part };
  }
  for (const run of runs.sort((a, b) => a.read - b.read)) {
    if (run.read + ROW_COST * floor >= best.cost) break;
    if (run.rarest.length > EXACT_UP_TO) continue;
    const lower = run.part.toLowerCase();
    const containing = run.rarest.reduce((k, v) => (sample.values[v].includes(lower) ? k + 1 : k), 0) / size;
    const cost = run.read + ROW_COST * Math.max(containing, floor);
    if (cost < best.cost) best = { cost, part: run.part };
  }
  return best.cost < whole ? best.part : undefined;
}
