// Compares an answer with a documented example key by key, recursively: every documented key
// present (null allowed: we have no value), JSON types equal (a documented null matches
// anything), array elements against the documented element of their kind. Pure functions,
// no I/O: the conformance suite feeds them the examples of ROUTE_DOCS and our answers.

export type JsonType = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';

export const jsonType = (v: unknown): JsonType =>
  v === null || v === undefined ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType);

/** Paths look like `participants[].last_access_user.ts`; `*` stands for the keys of a map. */
export interface ShapeRules {
  /** Keys we send that the example lacks: path → why (e.g. `coins` on GET /account). */
  extras?: Record<string, string>;
  /** Objects keyed by ids (`rewards_actions[]`): each value is compared with the example's first value. */
  maps?: Record<string, string>;
  /**
   * Arrays whose documented elements are one kind of record showing different fields (the two
   * users of transactions/hashes): each element of ours is compared with all their keys.
   */
  unions?: Record<string, string>;
  /**
   * Arrays whose elements' kind is told by another key than `type` (path → key): the levels of
   * GET /account/level by `current`, level activities by `id` (only some have a period).
   */
  kinds?: Record<string, string>;
  /** Coin amounts the example writes as a JSON number: we send 18-decimal strings (project rule). */
  coinPaths?: readonly string[];
}

export interface ShapeReport {
  /** Real differences: a missing documented key, a type that differs, an extra not allowed. */
  differences: string[];
  /** Where the example shows a number and we send an 18-decimal string. */
  coinStrings: string[];
  /** Extras found and allowed by `extras`. */
  allowedExtras: string[];
  /** Arrays our answer had empty (their element shape was not compared) or keys we sent as null. */
  unchecked: string[];
}

/** Key names that always carry coin amounts (18-decimal integers). */
export const COIN_KEYS = new Set(['coins', 'closed_coins', 'approved_coins', 'pending_coins', 'earned_coins', 'max_coins', 'fee', 'profile_coins']);

const DECIMAL_INTEGER = /^-?\d+$/;
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function compareShape(documented: unknown, actual: unknown, rules: ShapeRules = {}): ShapeReport {
  const report: ShapeReport = { differences: [], coinStrings: [], allowedExtras: [], unchecked: [] };
  walk(documented, actual, '', rules, report);
  return report;
}

function walk(doc: unknown, ours: unknown, path: string, rules: ShapeRules, report: ShapeReport): void {
  const docType = jsonType(doc);
  const ourType = jsonType(ours);
  const key = path.split('.').pop()!.replace(/\[\]/g, '');
  if (ourType === 'number' && isCoinPath(path, key, rules)) {
    report.differences.push(`${path}: a coin amount sent as a number (coins are 18-decimal strings)`);
    return;
  }
  if (docType === 'null') return; // the example has no value there: anything goes
  if (ourType === 'null') {
    if (docType !== 'array' && docType !== 'object') return; // null: we have no value
    report.unchecked.push(`${path || '(root)'}: null (example has ${docType})`);
    return;
  }
  if (docType !== ourType) {
    if (docType === 'number' && ourType === 'string' && DECIMAL_INTEGER.test(ours as string) && isCoinPath(path, key, rules)) {
      report.coinStrings.push(path);
      return;
    }
    report.differences.push(`${path || '(root)'}: example has ${docType}, we send ${ourType}`);
    return;
  }
  if (docType === 'array') return walkArray(doc as unknown[], ours as unknown[], path, rules, report);
  if (docType === 'object') return walkObject(doc as Record<string, unknown>, ours as Record<string, unknown>, path, rules, report);
}

function isCoinPath(path: string, key: string, rules: ShapeRules): boolean {
  return COIN_KEYS.has(key) || (rules.coinPaths ?? []).includes(path);
}

function walkObject(doc: Record<string, unknown>, ours: Record<string, unknown>, path: string, rules: ShapeRules, report: ShapeReport): void {
  if (rules.maps && path in rules.maps) {
    const sample = Object.values(doc)[0];
    for (const value of Object.values(ours)) walk(sample, value, join(path, '*'), rules, report);
    if (Object.keys(ours).length === 0) report.unchecked.push(`${path}: empty map`);
    return;
  }
  for (const key of Object.keys(doc)) {
    const at = join(path, key);
    if (!(key in ours)) report.differences.push(`${at}: missing`);
    else walk(doc[key], ours[key], at, rules, report);
  }
  for (const key of Object.keys(ours)) {
    if (key in doc) continue;
    const at = join(path, key);
    if (rules.extras && at in rules.extras) report.allowedExtras.push(at);
    else report.differences.push(`${at}: not in the example`);
  }
}

function walkArray(doc: unknown[], ours: unknown[], path: string, rules: ShapeRules, report: ShapeReport): void {
  const at = `${path}[]`;
  if (doc.length === 0) return; // the example shows no element: any element goes
  if (ours.length === 0) {
    report.unchecked.push(`${at}: empty in our answer`);
    return;
  }
  const union = rules.unions && at in rules.unions && doc.every((d) => jsonType(d) === 'object') ? Object.assign({}, ...doc) : undefined;
  const kind = rules.kinds?.[at] ?? 'type';
  for (const element of ours) walk(union ?? exampleFor(doc, element, rules, kind), element, at, rules, report);
}

/**
 * The documented element an element of ours is compared with: the first one, unless the
 * example's elements are of several kinds (isPolymorphic: the timeline's `coins` and `scan`
 * records, the scan's result widgets). Then, among those of our kind (`type`, or the key
 * `rules.kinds` names; else all), the one
 * with the fewest differences (among equals, the first).
 */
export function exampleFor(doc: unknown[], element: unknown, rules: ShapeRules = {}, kind = 'type'): unknown {
  if (!isPolymorphic(doc, kind) || jsonType(element) !== 'object') return doc[0];
  const ours = element as Record<string, unknown>;
  const sameType = doc.filter((d) => ours[kind] !== undefined && (d as Record<string, unknown>)?.[kind] === ours[kind]);
  const candidates = sameType.length > 0 ? sameType : doc;
  let best = candidates[0];
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = compareShape(candidate, element, rules).differences.length;
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

/**
 * True when the example's elements are objects of several kinds: different `type` values, or
 * key sets of which neither contains the other. (Elements whose keys only shrink, as the second
 * scan of user/scans that lacks the first one's ticket, are one kind: the first is the shape.)
 */
export function isPolymorphic(doc: unknown[], kind = 'type'): boolean {
  if (doc.length < 2 || doc.some((d) => jsonType(d) !== 'object')) return false;
  const objects = doc as Record<string, unknown>[];
  if (new Set(objects.map((o) => JSON.stringify(o[kind] ?? ''))).size > 1) return true;
  const keys = objects.map((o) => new Set(Object.keys(o)));
  const within = (a: Set<string>, b: Set<string>) => [...a].every((k) => b.has(k));
  return keys.some((a) => keys.some((b) => !within(a, b) && !within(b, a)));
}

/**
 * Where the documents disagree with themselves inside one example: arrays whose elements of the
 * same `type` (or without one) carry different keys. Returns one line per such array.
 */
export function selfDisagreements(doc: unknown, path = ''): string[] {
  const found: string[] = [];
  if (Array.isArray(doc)) {
    const objects = doc.filter((d) => jsonType(d) === 'object') as Record<string, unknown>[];
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const o of objects) {
      const kind = typeof o.type === 'string' ? o.type : '';
      groups.set(kind, [...(groups.get(kind) ?? []), o]);
    }
    for (const [kind, group] of groups) {
      if (group.length < 2 || isPolymorphic(group)) continue; // elements of different kinds may differ
      const all = new Set(group.flatMap((o) => Object.keys(o)));
      const partial = [...all].filter((k) => group.some((o) => !(k in o)));
      if (partial.length > 0) found.push(`${path}[]${kind ? ` (type ${kind})` : ''}: keys only in some elements: ${partial.sort().join(', ')}`);
    }
    doc.forEach((d) => found.push(...selfDisagreements(d, `${path}[]`)));
    return [...new Set(found)];
  }
  if (jsonType(doc) === 'object') {
    for (const [k, v] of Object.entries(doc as Record<string, unknown>)) found.push(...selfDisagreements(v, join(path, k)));
  }
  return [...new Set(found)];
}
