import { IsOptional, IsString, Matches } from 'class-validator';
import { DATE, DATETIME } from './date-patterns.js';

/** PUT /participants/participant/:id/payment */
export class PaidPeriodDto {
  @IsString() @Matches(DATE, { message: 'from_date must be a date, e.g. 2019-02-01' })
  from_date: string;

  @IsString() @Matches(DATE, { message: 'to_date must be a date, e.g. 2019-09-01' })
  to_date: string;

  /** Optional: changes the plan with the period (unknown plan → 400). */
  @IsOptional() @IsString()
  plan?: string;
}

/** PUT /participants/participant/:id/payment/trial */
export class TrialDto {
  @IsString() @Matches(DATETIME, { message: 'to_date must be a date or datetime, e.g. 2019-09-01' })
  to_date: string;
}
