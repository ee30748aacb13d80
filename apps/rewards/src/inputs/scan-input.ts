import type { PipeTransform } from '@nestjs/common';
import { isISO8601, isObject, isUUID, matches, maxLength, minLength } from 'class-validator';
import { DtoPipe, inputProblem } from '#libs/errors';
import { ID_MAX_LENGTH, USER_ID, ScanInputDto } from '#libs/contracts';

/** Optional text fields of ScanInputDto and their @MaxLength. */
const OPTIONAL_TEXT: readonly (readonly [keyof ScanInputDto, number])[] = [
  ['product_id', 64], ['product_name', 500], ['image_url', 1000], ['latitude', 32], ['longitude', 32], ['accuracy', 32],
  ['city', 100], ['country', 8], ['language', 16],
];
const FIELDS = new Set<string>(['idempotency_key', 'user_id', 'scan_id', 'code', 'event_ts', 'headers', 'campaigns', ...OPTIONAL_TEXT.map(([f]) => f)]);

/**
 * The scan message as ScanInputDto, in two stages on purpose. Scans are the hot path: a message
 * that certainly passes is taken by `acceptedScan` (the same checks as the DTO's decorators, with
 * class-validator's own functions, ~20× cheaper than transforming and validating); anything else
 * goes through the DtoPipe every other input uses, so that every refusal is answered as theirs.
 */
export class ScanInputPipe implements PipeTransform<unknown, Promise<ScanInputDto>> {
  private readonly full = new DtoPipe(ScanInputDto, 'Message');

  transform(payload: unknown): Promise<ScanInputDto> {
    const accepted = acceptedScan(payload);
    return accepted ? Promise.resolve(accepted) : this.full.transform(payload);
  }
}

/** The message as a ScanInputDto when every decorator of ScanInputDto would accept it; otherwise undefined. */
export function acceptedScan(payload: unknown): ScanInputDto | undefined {
  if (!isObject(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  for (const key of Object.keys(p)) if (!FIELDS.has(key)) return undefined;
  if (inputProblem(p) !== undefined) return undefined;
  if (!isText(p.idempotency_key, 1, 200) || !isText(p.code, 1, 64)) return undefined;
  if (!isText(p.user_id, 0, ID_MAX_LENGTH) || !matches(p.user_id, USER_ID)) return undefined;
  // @IsOptional: null and undefined skip every other check.
  if (p.scan_id != null && !isUUID(p.scan_id)) return undefined;
  if (p.event_ts != null && !(typeof p.event_ts === 'string' && isISO8601(p.event_ts, { strict: true }))) return undefined;
  for (const [field, max] of OPTIONAL_TEXT) if (p[field] != null && !isText(p[field], 0, max)) return undefined;
  if (p.headers != null && !isObject(p.headers)) return undefined;
  if (p.campaigns != null && !(Array.isArray(p.campaigns) && p.campaigns.every((c) => typeof c === 'string'))) return undefined;
  return Object.assign(new ScanInputDto(), p);
}

function isText(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && (min === 0 || minLength(value, min)) && maxLength(value, max);
}
