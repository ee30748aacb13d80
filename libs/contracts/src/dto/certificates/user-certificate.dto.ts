// class-transformer's @Type() calls Reflect.getMetadata when the class is declared, whoever imports contracts.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDefined, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsParticipantId } from '../field-rules.js';

export class CertificateLocationDto {
  @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @IsOptional() @IsString() @MaxLength(100) country?: string | null;
  @IsOptional() @IsString() @MaxLength(200) city?: string | null;
}

export class CertificateStoreDto {
  @IsInt() @Min(1) @Max(2_147_483_647) id: number;
  /** The participant that owns the store; its sessions may activate the store's certificates. */
  @IsParticipantId() participant_id: string;
  @IsString() @IsNotEmpty() @MaxLength(300) name: string;
  @IsOptional() @IsBoolean() is_blogger?: boolean;
  @IsOptional() @IsString() @MaxLength(100) seller_type?: string | null;
  @IsOptional() @IsString() @MaxLength(2000) logo_url?: string | null;
}

export class CertificateItemDto {
  @IsString() @IsNotEmpty() @MaxLength(200) id: string;
  @IsString() @IsNotEmpty() @MaxLength(500) name: string;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0) @Max(999_999_999_999) platform_price?: number | null;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0) @Max(999_999_999_999) price?: number | null;
  /** Display price; defaults to `price` with two decimals. */
  @IsOptional() @IsString() @MaxLength(100) format_price?: string | null;
  @IsOptional() @IsString() @MaxLength(200) sku?: string | null;
  @IsOptional() @IsISO8601({ strict: true }) start_time?: string | null;
  @IsOptional() @IsISO8601({ strict: true }) end_time?: string | null;
  @IsOptional() @IsInt() @Min(0) duration?: number | null;
  @IsOptional() @IsString() @MaxLength(100) event_type?: string | null;
  @IsOptional() @IsArray() assets?: unknown[];
  @IsOptional() @IsInt() @Min(0) participants_limit?: number | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CertificateLocationDto) location?: CertificateLocationDto | null;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CertificateStoreDto) store: CertificateStoreDto;
}

export class CertificatePromoCodeDto {
  @IsString() @IsNotEmpty() @MaxLength(200) id: string;
  @IsString() @IsNotEmpty() @MaxLength(200) promo_code: string;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) discount_percent?: number | null;
  @IsOptional() @IsISO8601({ strict: true }) expired_at?: string | null;
  @IsOptional() @IsBoolean() is_for_winner?: boolean;
}

export class CertificateRoundDto {
  @IsString() @IsNotEmpty() @MaxLength(200) id: string;
  @IsString() @IsNotEmpty() @MaxLength(200) uniq_id: string;
}

/**
 * `certificates.user.issue` (and POST /certificates/user-certificates) → IssueUserCertificateResult:
 * issues a certificate to a user. Store, item, promo code and round are upserted by id (the
 * certificates service keeps the catalogue they describe). A second call with the same
 * `issue_key` returns the first certificate (`created: false`); with another user it is a 409.
 */
export class IssueUserCertificateDto {
  @IsString() @IsNotEmpty() @MaxLength(200) issue_key: string;
  @IsString() @IsNotEmpty() @MaxLength(300) user_id: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CertificateItemDto) item: CertificateItemDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CertificatePromoCodeDto) promo_code?: CertificatePromoCodeDto | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CertificateRoundDto) round?: CertificateRoundDto | null;
  @IsOptional() @IsString() @MaxLength(10_000) text?: string | null;
  @IsOptional() @IsArray() attribute_values?: unknown[];
}
