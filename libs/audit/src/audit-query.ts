import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  AUDIT_ACTION_NAMES, AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT, AUDIT_MAX_OFFSET, type AuditFilters, type AuditListRequest,
  SECURITY_ADMIN_ROLE, type SessionInfo, SINGLE_LINE, SINGLE_LINE_MESSAGE, SYSTEM_PARTICIPANT_ID,
} from '#libs/contracts';
import { DomainError, validatePayload } from '#libs/errors';

/** A date, or a date and time with a zone (a time without one would depend on the server's clock). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const DATE_TIME_MESSAGE = '$property must be an ISO 8601 date or date-time with a zone, e.g. 2026-01-31T12:00:00Z';

class AuditFiltersDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300) @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE }) actor?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300) @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE }) target?: string;
  @IsOptional() @IsIn(AUDIT_ACTION_NAMES, { message: `action must be one of ${AUDIT_ACTION_NAMES.join(', ')}` }) action?: string;
  @IsOptional() @IsString() @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE }) from?: string;
  @IsOptional() @IsString() @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE }) to?: string;
}

export class AuditQueryDto extends AuditFiltersDto {
  @IsOptional() @IsInt() @Min(0) @Max(AUDIT_MAX_OFFSET) offset?: number;
  @IsOptional() @IsInt() @Min(1) @Max(AUDIT_MAX_LIMIT) limit?: number;
}

class AuditListDto extends AuditFiltersDto {
  @IsInt() @Min(1) @Max(AUDIT_MAX_OFFSET + AUDIT_MAX_LIMIT + 1) limit!: number;
}

export interface AuditPage { filters: AuditFilters; offset: number; limit: number }

/** The body of `POST /audit/get`: filters (times as UTC ISO strings) and the page. */
export async function auditQuery(body: unknown): Promise<AuditPage> {
  const dto = await validatePayload(AuditQueryDto, body ?? {});
  return { filters: normalised(dto), offset: dto.offset ?? 0, limit: dto.limit ?? AUDIT_DEFAULT_LIMIT };
}

/** The data of `<Service>Pattern.AuditList`. */
export async function auditListRequest(data: unknown): Promise<AuditListRequest> {
  const dto = await validatePayload(AuditListDto, data);
  return { ...normalised(dto), limit: dto.limit };
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

/** The audit trail is for sys-admins only; every service checks the session identity forwarded. */
export function requireAuditReader(session: SessionInfo | undefined): SessionInfo {
  if (!session) throw DomainError.unauthenticated();
  if (session.currentParticipant !== SYSTEM_PARTICIPANT_ID || !session.roles.includes(SECURITY_ADMIN_ROLE)) {
    throw DomainError.forbidden('Only a security admin of the system participant may read the audit trail', 'audit.forbidden');
  }
  return session;
}
