import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DATE, DATETIME } from './date-patterns.js';
import { IsStringOrStringArray } from './participant.dto.js';

const dateMsg = { message: '$property must be a date, e.g. 2019-03-01' };
const datetimeMsg = { message: '$property must be a datetime, e.g. 2019-01-01T00:00:00Z' };

export const ORDER_BY_FIELDS = ['id', 'name', 'billing_plan', 'billing_country', 'billing_paid_from', 'billing_paid_to', 'billing_trial_to'] as const;
export type OrderByField = (typeof ORDER_BY_FIELDS)[number];

/** POST /participants body: every filter of the doc. */
export class ListParticipantsDto {
  @IsOptional() @IsString() @MaxLength(200)
  id?: string;

  @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @IsOptional() @IsStringOrStringArray()
  billing_plan?: string | string[];

  @IsOptional() @IsStringOrStringArray()
  billing_country?: string | string[];

  /** The doc's example request names the country filter `country`. */
  @IsOptional() @IsStringOrStringArray()
  country?: string | string[];

  @IsOptional() @Matches(DATE, dateMsg) billing_paid_from_filter_from?: string;
  @IsOptional() @Matches(DATE, dateMsg) billing_paid_from_filter_to?: string;
  @IsOptional() @Matches(DATE, dateMsg) billing_paid_to_filter_from?: string;
  @IsOptional() @Matches(DATE, dateMsg) billing_paid_to_filter_to?: string;
  @IsOptional() @Matches(DATETIME, datetimeMsg) billing_trial_to_filter_from?: string;
  @IsOptional() @Matches(DATETIME, datetimeMsg) billing_trial_to_filter_to?: string;

  @IsOptional() @IsIn(ORDER_BY_FIELDS)
  order_by?: OrderByField;

  @IsOptional() @IsIn(['asc', 'desc', 'ASC', 'DESC'])
  order_type?: string;

  @IsOptional() @IsInt() @Min(1) @Max(1000)
  limit?: number;

  @IsOptional() @IsInt() @Min(0)
  offset?: number;
}
