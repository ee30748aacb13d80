import { PARTICIPANT_ID } from '#libs/contracts';
import { Type } from 'class-transformer';
import {
  IsArray, IsBoolean, IsDefined, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Matches, Max,
  MaxLength, Min, ValidateNested,
} from 'class-validator';

/** Body of `certificates.user.issue` (and of POST /certificates/user-certificates). */
export class LocationDto {
  @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @IsOptional() @IsString() @MaxLength(100) country?: string | null;
  @IsOptional() @IsString() @MaxLength(200) city?: string | null;
}

export class StoreDto {
  @IsInt() @Min(1) @Max(2_147_483_647) id: number;
  @Matches(PARTICIPANT_ID, { message: 'participant_id must look like urn:authenticateit:participant:<n>' }) participant_id: string;
  @IsString() @IsNotEmpty() @MaxLength(300) name: string;
  @IsOptional() @IsBoolean() is_blogger?: boolean;
  @IsOptional() @IsString() @MaxLength(100) seller_type?: string | null;
  @IsOptional() @IsString() @MaxLength(2000) logo_url?: string | null;
}

export class ItemDto {
  @IsString() @IsNotEmpty() @MaxLength(200) id: string;
  @IsString() @IsNotEmpty() @MaxLength(500) name: string;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0) @Max(999_999_999_999) platform_price?: number | null;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0) @Max(999_999_999_999) price?: number | null;
  @IsOptional() @IsString() @MaxLength(100) format_price?: string | null;
  @IsOptional() @IsString() @MaxLength(200) sku?: string | null;
  @IsOptional() @IsISO8601({ strict: true }) start_time?: string | null;
  @IsOptional() @IsISO8601({ strict: true }) end_time?: string | null;
  @IsOptional() @IsInt() @Min(0) duration?: number | null;
  @IsOptional() @IsString() @MaxLength(100) event_type?: string | null;
  @IsOptional() @IsArray() assets?: unknown[];
  @IsOptional() @IsInt() @Min(0) participants_limit?: number | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LocationDto) location?: LocationDto | null;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => StoreDto) store: StoreDto;
}

export class PromoCodeDto {
  @IsString() @IsNotEmpty() @MaxLength(200) id: string;
  @IsString() @IsNotEmpty() @MaxLength(200) promo_code: string;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) discount_percent?: number | null;
  @IsOptional() @IsISO8601({ strict: true }) expired_at?: string | null;
  @IsOptional() @IsBoolean() is_for_winner?: boolean;
}

export class RoundDto {
  @IsString() @IsNotEmpty() @MaxLength(200) id: string;
  @IsString() @IsNotEmpty() @MaxLength(200) uniq_id: string;
}

export class IssueCertificateDto {
  @IsString() @IsNotEmpty() @MaxLength(200) issue_key: string;
  @IsString() @IsNotEmpty() @MaxLength(300) user_id: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ItemDto) item: ItemDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PromoCodeDto) promo_code?: PromoCodeDto | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => RoundDto) round?: RoundDto | null;
  @IsOptional() @IsString() @MaxLength(10_000) text?: string | null;
  @IsOptional() @IsArray() attribute_values?: unknown[];
}
