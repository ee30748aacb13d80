import { isDeepStrictEqual } from 'node:util';

type Fields = Record<string, unknown>;

/**
 * The fields that differ between two states (Keycloak records whole representations; we keep
 * only what changed). A missing state (creation, deletion) is null; `keep` names fields kept
 * even when equal (what identifies the thing, e.g. a type beside a value).
 */
export function changedFields(before: Fields | null, after: Fields | null, keep: readonly string[] = []): { before: Fields | null; after: Fields | null } {
  if (!before || !after) return { before, after };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => keep.includes(k) || !isDeepStrictEqual(before[k], after[k]));
  const pick = (state: Fields) => Object.fromEntries(keys.map((k) => [k, state[k] ?? null]));
  return { before: pick(before), after: pick(after) };
}

/** True when nothing but the kept fields would be recorded. */
export function unchanged(before: Fields | null, after: Fields | null): boolean {
  return before !== null && after !== null && Object.keys({ ...before, ...after }).every((k) => isDeepStrictEqual(before[k], after[k]));
}
