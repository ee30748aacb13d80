// How rare the parts of a searched value are in a sample of the indexed values (pure; sampled by frequent-trigrams.ts).

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
