import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import {
  AUDIT_ACTION_NAMES, AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT, type AuditFilters, type AuditListRequest, type AuditPosition,
  SINGLE_LINE, SINGLE_LINE_MESSAGE,
} from '#libs/contracts';
import { DomainError, validatePayload } from '#libs/errors';

/** A date, or a date and time with a zone (a time without one would depend on the server's clock). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const DATE_TIME_MESSAGE = '$property must be an ISO 8601 date or date-time with a zone, e.g. 2026-01-31T12:00:00Z';
/** An event's `time` as every service writes it (microseconds, UTC). */
const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

class AuditFiltersDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300) @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE }) actor?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300) @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE }) target?: string;
  @IsOptional() @IsIn(AUDIT_ACTION_NAMES, { message: `action must be one of ${AUDIT_ACTION_NAMES.join(', ')}` }) action?: string;
  @IsOptional() @IsString() @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE }) from?: string;
  @IsOptional() @IsString() @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE }) to?: string;
}

class AuditQueryDto extends AuditFiltersDto {
  @IsOptional() @IsInt() @Min(1) @Max(AUDIT_MAX_LIMIT) limit?: number;
  @IsOptional() @IsString() @Matches(CURSOR, { message: 'cursor must be the next_cursor of a previous answer' }) cursor?: string;
}

class PositionDto implements AuditPosition {
  @IsString() @Matches(EVENT_TIME) time!: string;
  @IsString() @Matches(UUID) id!: string;
}

class AuditListDto extends AuditFiltersDto {
  @IsInt() @Min(1) @Max(AUDIT_MAX_LIMIT + 1) limit!: number;
  @IsOptional() @ValidateNested() @Type(() => PositionDto) before?: PositionDto;
}

export interface AuditPage { filters: AuditFilters; limit: number; before?: AuditPosition }

/** The body of `POST /audit/get`: filters (times as UTC ISO strings), the page size and where the page starts. */
export async function auditQuery(body: unknown): Promise<AuditPage> {
  const dto = await validatePayload(AuditQueryDto, body ?? {});
  const page: AuditPage = { filters: normalised(dto), limit: dto.limit ?? AUDIT_DEFAULT_LIMIT };
  if (dto.cursor !== undefined) page.before = decodeCursor(dto.cursor);
  return page;
}

/** The data of `<Service>Pattern.AuditList`. */
export async function auditListRequest(data: unknown): Promise<AuditListRequest> {
  const dto = await validatePayload(AuditListDto, data);
  const request: AuditListRequest = { ...normalised(dto), limit: dto.limit };
  if (dto.before) request.before = { time: dto.before.time, id: dto.before.id };
  return request;
}

/** Opaque to clients: base64url of `<time> <id>` of the last event of a page. */
export function encodeCursor(position: AuditPosition): string {
  return Buffer.from(`${position.time} ${position.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): AuditPosition {
  const [time, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(' ');
  if (rest.length > 0 || !EVENT_TIME.test(time ?? '') || !UUID.test(id ?? '') || Number.isNaN(Date.parse(time))) {
    throw DomainError.invalid('Invalid request', [{ field: 'cursor', errors: ['cursor must be the next_cursor of a previous answer'] }]);
  }
  return { time, id };
}

function normalised(dto: AuditFiltersDto): AuditFilters {
  const from = instant(dto.from, 'from');
  const to = instant(dto.to, 'to');
  if (from && to && from >= to) throw DomainError.invalid('Invalid request', [{ field: 'to', errors: ['to must be after from'] }]);
  const filters: AuditFilters = {};
  if (dto.actor !== undefined) filters.actor = dto.actor;
  if (dto.target !== undefined) filters.target = dto.target;
  if (dto.action !== undefined) filters.action = dto.action;
  if (from) filters.from = from;
  if (to) filters.to = to;
  return filters;
}

function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw DomainError.invalid('Invalid request', [{ field, errors: [`${field} is not a valid date`] }]);
  return new Date(time).toISOString();
}
