// class-transformer's @Type() calls Reflect.getMetadata when the class is declared, whoever imports contracts.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested, IsISO8601, IsUUID } from 'class-validator';
import { IsCoins, IsUserId } from '../field-rules.js';

/** Every rewards input (`RewardsPattern.Scan` … `ClaimDecide`) → InputResult. */
export class InputBaseDto {
  /** Unique per input message; the same key twice changes nothing. */
  @IsString() @MinLength(1) @MaxLength(200)
  idempotency_key!: string;

  @IsUserId()
  user_id!: string;
}

/** A scan as the doc's scan records: the request headers and location travel in `headers` / fields. */
export class ScanInputDto extends InputBaseDto {
  @IsOptional() @IsUUID() scan_id?: string;
  @IsString() @MinLength(1) @MaxLength(64) code!: string;
  @IsOptional() @IsString() @MaxLength(64) product_id?: string;
  @IsOptional() @IsString() @MaxLength(500) product_name?: string;
  @IsOptional() @IsString() @MaxLength(1000) image_url?: string;
  @IsOptional() @IsISO8601({ strict: true }) event_ts?: string;
  @IsOptional() @IsString() @MaxLength(32) latitude?: string;
  @IsOptional() @IsString() @MaxLength(32) longitude?: string;
  @IsOptional() @IsString() @MaxLength(32) accuracy?: string;
  @IsOptional() @IsString() @MaxLength(100) city?: string;
  @IsOptional() @IsString() @MaxLength(8) country?: string;
  @IsOptional() @IsString() @MaxLength(16) language?: string;
  /** Request headers of the scan (user-agent, accept-language, x-real-ip, ...), kept as in the doc. */
  @IsOptional() @IsObject() headers?: Record<string, string>;
  /** Campaigns besides the system campaign `urn:authenticateit:campaign:1`. */
  @IsOptional() @IsArray() @IsString({ each: true }) campaigns?: string[];
}

/** Review, product added/edited, life hack. */
export class ContributionInputDto extends InputBaseDto {
  /** Review id, product code, life-hack id: the same ref with a new status moves its claim. */
  @IsString() @MinLength(1) @MaxLength(200) ref!: string;
  @IsIn(['pending', 'accepted', 'rejected', 'deleted']) status!: 'pending' | 'accepted' | 'rejected' | 'deleted';
  @IsOptional() @IsISO8601({ strict: true }) ts?: string;
}

export class BuddySentDto extends InputBaseDto {
  @IsString() @MinLength(1) @MaxLength(200) invitation_id!: string;
  @IsOptional() @IsISO8601({ strict: true }) ts?: string;
}

export class BuddyAcceptedDto extends InputBaseDto {
  @IsOptional() @IsString() @MaxLength(200) invitation_id?: string;
  @IsUserId() buddy_id!: string;
  @IsOptional() @IsString() @MaxLength(100) buddy_first_name?: string;
  @IsOptional() @IsString() @MaxLength(100) buddy_last_name?: string;
  @IsOptional() @IsString() @MaxLength(500) buddy_photo?: string;
  @IsOptional() @IsString() @MaxLength(50) status?: string;
  @IsOptional() @IsISO8601({ strict: true }) ts?: string;
}

export class BankAccountDto {
  @IsString() @MaxLength(64) account!: string;
  @IsString() @MaxLength(200) bank!: string;
  @IsOptional() @IsString() @MaxLength(32) bsb?: string;
  @IsOptional() @IsString() @MaxLength(100) city?: string;
  @IsOptional() @IsString() @MaxLength(8) country?: string;
  @IsOptional() @IsString() @MaxLength(200) description?: string;
  @IsString() @MaxLength(64) id!: string;
  @IsString() @MaxLength(200) name!: string;
}

export class CashoutInputDto extends InputBaseDto {
  @IsIn(['bank', 'erc20']) type!: 'bank' | 'erc20';
  @IsCoins({ positive: true }) coins!: string;
  @IsOptional() @IsCoins() fee?: string;
  @IsOptional() @ValidateNested() @Type(() => BankAccountDto) account?: BankAccountDto;
  @IsOptional() @IsString() @MaxLength(8) currency?: string;
  @IsOptional() @IsNumber() converted_value?: number;
  @IsOptional() @IsNumber() converted_usd_value?: number;
  @IsOptional() @IsString() @Matches(/^0x[0-9a-fA-F]{40}$/, { message: 'address must be an ERC-20 address' }) address?: string;
  @IsOptional() @IsNumber() coins_wei_rate?: number;
  @IsOptional() @IsNumber() wei?: number;
  @IsOptional() @IsString() @MaxLength(200) hash?: string | null;
  @IsOptional() @IsISO8601({ strict: true }) ts?: string;
}

export class DepositInputDto extends InputBaseDto {
  @IsCoins({ positive: true }) coins!: string;
  @IsOptional() @IsString() @MaxLength(200) hash?: string;
  @IsOptional() @IsISO8601({ strict: true }) ts?: string;
}

export const WIDGETS = ['popup', 'text', 'image', 'link', 'video', 'status', 'nutrition_info', 'certificates', 'follow_fb', 'social_networks', 'scans', 'reviews', 'minutes'] as const;
export class WidgetViewDto extends InputBaseDto {
  @IsIn(WIDGETS) widget!: (typeof WIDGETS)[number];
  @IsOptional() @IsISO8601({ strict: true }) ts?: string;
}

export class ClaimDecisionDto extends InputBaseDto {
  @IsUUID() claim_id!: string;
  @IsIn(['approved', 'rejected']) status!: 'approved' | 'rejected';
}
