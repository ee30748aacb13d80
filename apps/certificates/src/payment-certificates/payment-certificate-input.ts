import type { FieldError } from '#libs/errors';
import { CertificatesErrorCode, certificatesError } from '../common/certificates-errors.js';

/**
 * Pure checks of the external API's request bodies. Hand-written rather than class-validator:
 * a 10,000-item body is checked in a few milliseconds and every offending index is reported.
 */
export const MAX_BULK_ITEMS = 10_000;
export const MAX_CODE_LENGTH = 255;
export const MAX_VALUE = 2_147_483_647;

export interface CreateItem { code: string; is_active: boolean; value: number }
export interface UpdateItem { id: number; code: string; is_active?: boolean; value?: number }

/** 400 detail: one invalid item. */
export interface ItemProblem { index: number; code: string | null; errors: FieldError[] }
/** 409 detail: a code used twice in the body or already taken by another certificate. */
export interface CodeConflict { index: number; code: string; reason: 'duplicate_in_request' | 'code_exists' }
/** 404 detail: an id that is not one of the caller's certificates. */
export interface MissingCertificate { index: number; id: number; code: string | null }

type Parsed<T> = { item: T; errors: [] } | { item: undefined; errors: FieldError[] };

const CREATE_FIELDS = new Set(['code', 'is_active', 'value']);
const UPDATE_FIELDS = new Set(['id', 'code', 'is_active', 'value']);

function isObject(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

function checkCommon(raw: Record<string, unknown>, allowed: Set<string>, errors: FieldError[]): void {
  for (const field of Object.keys(raw)) {
    if (!allowed.has(field)) {
      errors.push({ field, errors: [field === 'id' ? 'id is assigned by the server' : `${field} is not a known field`] });
    }
  }
  const code = raw.code;
  if (code === undefined || code === null) errors.push({ field: 'code', errors: ['code is required'] });
  else if (typeof code !== 'string' || code.trim() === '') errors.push({ field: 'code', errors: ['code must be a non-empty string'] });
  else if (code.length > MAX_CODE_LENGTH) errors.push({ field: 'code', errors: [`code must be at most ${MAX_CODE_LENGTH} characters`] });
  if (raw.is_active !== undefined && typeof raw.is_active !== 'boolean') {
    errors.push({ field: 'is_active', errors: ['is_active must be a boolean'] });
  }
  const value = raw.value;
  if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_VALUE)) {
    errors.push({ field: 'value', errors: [`value must be an integer between 0 and ${MAX_VALUE}`] });
  }
}

export function parseCreateItem(raw: unknown): Parsed<CreateItem> {
  if (!isObject(raw)) return { item: undefined, errors: [{ field: '', errors: ['each certificate must be a JSON object'] }] };
  const errors: FieldError[] = [];
  checkCommon(raw, CREATE_FIELDS, errors);
  if (errors.length > 0) return { item: undefined, errors };
  return { item: { code: raw.code as string, is_active: (raw.is_active as boolean | undefined) ?? true, value: (raw.value as number | undefined) ?? 0 }, errors: [] };
}

/** `pathId` is set for `PUT /:id/`: the body may then omit `id` (or repeat the same one). */
export function parseUpdateItem(raw: unknown, pathId?: number): Parsed<UpdateItem> {
  if (!isObject(raw)) return { item: undefined, errors: [{ field: '', errors: ['each certificate must be a JSON object'] }] };
  const errors: FieldError[] = [];
  checkCommon(raw, UPDATE_FIELDS, errors);
  const id = raw.id ?? pathId;
  if (id === undefined || id === null) errors.push({ field: 'id', errors: ['id is required'] });
  else if (!isCertificateId(id)) errors.push({ field: 'id', errors: ['id must be a positive integer'] });
  else if (pathId !== undefined && id !== pathId) errors.push({ field: 'id', errors: ['id in the body differs from the id in the path'] });
  if (errors.length > 0) return { item: undefined, errors };
  const item: UpdateItem = { id: id as number, code: raw.code as string };
  if (raw.is_active !== undefined) item.is_active = raw.is_active as boolean;
  if (raw.value !== undefined) item.value = raw.value as number;
  return { item, errors: [] };
}

export function isCertificateId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Path parameter `:id`; anything but a positive integer names no certificate. */
export function parsePathId(raw: string | undefined): number | undefined {
  if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id > 0 ? id : undefined;
}

/** Parses a bulk body; throws 413 above the limit and 400 listing every invalid item. */
export function parseBulk<T>(body: unknown, parseOne: (raw: unknown) => Parsed<T>): T[] {
  if (!Array.isArray(body)) throw certificatesError(CertificatesErrorCode.InvalidInput, 'Request body must be a JSON array of certificates');
  if (body.length > MAX_BULK_ITEMS) {
    throw certificatesError(CertificatesErrorCode.TooManyItems, `At most ${MAX_BULK_ITEMS} certificates per call`,
      { max: MAX_BULK_ITEMS, received: body.length });
  }
  const items: T[] = [];
  const problems: ItemProblem[] = [];
  body.forEach((raw, index) => {
    const parsed = parseOne(raw);
    if (parsed.item === undefined) problems.push({ index, code: codeOf(raw), errors: parsed.errors });
    else items.push(parsed.item);
  });
  if (problems.length > 0) {
    throw certificatesError(CertificatesErrorCode.InvalidInput, `${problems.length} invalid certificate(s); nothing was written`, problems);
  }
  return items;
}

/** Ids named twice in one bulk-update: 400 listing every occurrence. */
export function assertDistinctIds(items: UpdateItem[]): void {
  const problems: ItemProblem[] = [];
  for (const indexes of repeated(items.map((i) => String(i.id)))) {
    for (const index of indexes) {
      problems.push({ index, code: items[index].code, errors: [{ field: 'id', errors: ['id appears more than once in the request'] }] });
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.index - b.index);
    throw certificatesError(CertificatesErrorCode.InvalidInput, `${problems.length} invalid certificate(s); nothing was written`, problems);
  }
}

/** Codes used more than once in one body: every occurrence. */
export function duplicateCodesInRequest(items: { code: string }[]): CodeConflict[] {
  const codes = new Set<string>();
  for (const item of items) codes.add(item.code);
  if (codes.size === items.length) return []; // the usual case, without a list per code
  const conflicts: CodeConflict[] = [];
  for (const indexes of repeated(items.map((i) => i.code))) {
    for (const index of indexes) conflicts.push({ index, code: items[index].code, reason: 'duplicate_in_request' });
  }
  return conflicts;
}

/** Merges both kinds of conflict into one 409 (each index once, in body order). */
export function conflictError(inRequest: CodeConflict[], taken: CodeConflict[]) {
  const seen = new Set<number>();
  const all = [...inRequest, ...taken].filter((c) => !seen.has(c.index) && seen.add(c.index)).sort((a, b) => a.index - b.index);
  return certificatesError(CertificatesErrorCode.DuplicateCode, `${all.length} certificate code(s) conflict; nothing was written`, all);
}

export function parseListQuery(query: Record<string, string | string[]> | undefined): { limit?: number; offset: number } {
  const read = (name: string): number | undefined => {
    const raw = query?.[name];
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) {
      throw certificatesError(CertificatesErrorCode.InvalidInput, 'Invalid query', [{ field: name, errors: [`${name} must be a non-negative integer`] }]);
    }
    return Number(raw);
  };
  return { limit: read('limit'), offset: read('offset') ?? 0 };
}

function repeated(keys: string[]): number[][] {
  const byKey = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const list = byKey.get(key);
    if (list) list.push(index); else byKey.set(key, [index]);
  });
  return [...byKey.values()].filter((indexes) => indexes.length > 1);
}

function codeOf(raw: unknown): string | null {
  return isObject(raw) && typeof raw.code === 'string' ? raw.code : null;
}
