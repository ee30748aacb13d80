import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { AUDIT_ACTION_NAMES, AUDIT_MAX_LIMIT, type AuditPosition } from '../../patterns/audit.js';
import { SINGLE_LINE, SINGLE_LINE_MESSAGE } from '../../rules.js';

/** A date, or a date and time with a zone (a time without one would depend on the server's clock). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const DATE_TIME_MESSAGE = '$property must be an ISO 8601 date or date-time with a zone, e.g. 2026-01-31T12:00:00Z';
/** An event's `time` as every service writes it (microseconds, UTC). */
export const AUDIT_EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** An event's id. */
export const AUDIT_EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

/** The filters both audit inputs share. */
export class AuditFiltersDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300) @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE }) actor?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300) @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE }) target?: string;
  @IsOptional() @IsIn(AUDIT_ACTION_NAMES, { message: `action must be one of ${AUDIT_ACTION_NAMES.join(', ')}` }) action?: string;
  @IsOptional() @IsString() @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE }) from?: string;
  @IsOptional() @IsString() @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE }) to?: string;
}

/** The body of `POST /identity-service/audit/get` (sys-admin). */
export class AuditQueryDto extends AuditFiltersDto {
  @IsOptional() @IsInt() @Min(1) @Max(AUDIT_MAX_LIMIT) limit?: number;
  @IsOptional() @IsString() @Matches(CURSOR, { message: 'cursor must be the next_cursor of a previous answer' }) cursor?: string;
}

export class AuditPositionDto implements AuditPosition {
  @IsString() @Matches(AUDIT_EVENT_TIME) time!: string;
  @IsString() @Matches(AUDIT_EVENT_ID) id!: string;
}

/** The data of `<Service>Pattern.AuditList` (identity's gatherer asks every service). */
export class AuditListDto extends AuditFiltersDto {
  @IsInt() @Min(1) @Max(AUDIT_MAX_LIMIT + 1) limit!: number;
  @IsOptional() @ValidateNested() @Type(() => AuditPositionDto) before?: AuditPositionDto;
}
