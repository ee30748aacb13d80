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

/** Top-up settings as the HTTP route takes them (the doc's `topup` object). */
export class TopupBodyDto {
  /** Minor units of `currency`; Stripe charges at least 50 (e.g. A$0.50). */
  @IsInt() @Min(50, { message: 'amount must be at least 50 (minor units, e.g. cents)' }) @Max(99_999_999)
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

export class SetTopupDto extends TopupBodyDto {
  @IsString() @MaxLength(200)
  participantId: string;
}

/** `billing.deposit.charge` and `.credit`; the same idempotencyKey again answers the first result. */
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
