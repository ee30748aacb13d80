import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class SetFeeDto {
  @IsIn(['percentages', 'coins'])
  type: 'percentages' | 'coins';

  /** Checked by type in FeesService: a number for percentages, a coins string for coins. */
  @IsDefined()
  value: unknown;

  @IsIn(['invoice', 'balance'])
  source: 'invoice' | 'balance';

  @IsIn(['active', 'inactive'])
  status: 'active' | 'inactive';
}

export class SetTopupDto {
  @IsString() @MaxLength(200)
  participantId: string;

  @IsInt() @Min(1) @Max(2_000_000_000)
  amount: number;

  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lowercase ISO 4217 code, e.g. aud' })
  currency: string;

  @IsIn(['daily', 'weekly', 'monthly'])
  frequency: 'daily' | 'weekly' | 'monthly';

  /** Checked as coins by the service. */
  @IsDefined()
  coins_threshold: unknown;

  @IsBoolean()
  minimal_amount: boolean;

  @IsIn(['active', 'inactive'])
  status: 'active' | 'inactive';
}

export class DepositMoveDto {
  @IsString() @MaxLength(200)
  participantId: string;

  /** Checked as coins by the service. */
  @IsDefined()
  amount: unknown;

  @IsString() @MinLength(1) @MaxLength(200)
  idempotencyKey: string;

  @IsOptional() @IsString() @MaxLength(500)
  reference?: string;
}
