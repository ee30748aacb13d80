import {
  AUDIT_DEFAULT_LIMIT, AUDIT_EVENT_ID, AUDIT_EVENT_TIME, type AuditFilters, type AuditFiltersDto, type AuditListDto,
  type AuditListRequest, type AuditPosition, type AuditQueryDto,
} from '#libs/contracts';
import { DomainError } from '#libs/errors';

export interface AuditPage { filters: AuditFilters; limit: number; before?: AuditPosition }

/** The body of `POST /audit/get` (validated by the edge) as a page: times as UTC ISO strings, the cursor decoded. */
export function auditQuery(dto: AuditQueryDto): AuditPage {
  const page: AuditPage = { filters: normalised(dto), limit: dto.limit ?? AUDIT_DEFAULT_LIMIT };
  if (dto.cursor !== undefined) page.before = decodeCursor(dto.cursor);
  return page;
}

/** The data of `<Service>Pattern.AuditList` (validated by the edge), its times normalised. */
export function auditListRequest(dto: AuditListDto): AuditListRequest {
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
  if (rest.length > 0 || !AUDIT_EVENT_TIME.test(time ?? '') || !AUDIT_EVENT_ID.test(id ?? '') || Number.isNaN(Date.parse(time))) {
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
