// class-transformer's @Type() calls Reflect.getMetadata when the class is declared, whoever imports contracts.
import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { BILLING_PLANS } from '../../patterns/participants-billing.js';
import { CVC_INPUT_SCHEMA, SINGLE_LINE, SINGLE_LINE_MESSAGE } from '../../rules.js';

const COUNTRY = /^(\d{3}|[A-Za-z]{2,3})$/;

export class PendingParticipantFieldsDto {
  @IsOptional() @IsString() @Matches(/^\d{7,13}$/, { message: 'company_prefix must be 7 to 13 digits' }) company_prefix?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE }) name?: string;
  @IsOptional() @IsString() @MaxLength(200) @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE }) brand_name?: string;
  @IsOptional() @IsIn(['product360']) participant_type?: string;
  @IsOptional() @IsString() @Matches(COUNTRY, { message: 'country must be a country code, e.g. 036' }) country?: string;
}

/** Card data: handed to participants-billing (Stripe) as is, never stored or logged here. */
export class PendingParticipantCardDto {
  @IsString() @Matches(/^[\d ]{12,23}$/, { message: 'card.number must be a card number' }) number: string;
  @IsInt() @Min(1) @Max(12) exp_month: number;
  @IsInt() @Min(2000) @Max(2200) exp_year: number;
  /** The doc sends it as a number. */
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value))
  @JSONSchema(() => CVC_INPUT_SCHEMA)
  @IsString() @Matches(/^\d{3,4}$/, { message: 'card.cvc must be 3 or 4 digits' }) cvc: string;
  @IsOptional() @IsString() @MaxLength(200) name?: string;
}

/** `PUT /account/pending_participant`: the doc's example sends account fields too; they are accepted and not changed here. */
export class PendingParticipantUpdateDto {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PendingParticipantFieldsDto) pending_participant?: PendingParticipantFieldsDto;
  @IsOptional() @IsString() @Matches(COUNTRY, { message: 'country must be a country code, e.g. 036' }) country?: string;
  @IsOptional() @IsIn([...BILLING_PLANS]) pending_plan?: string;
  @IsOptional() @IsString() @MaxLength(200) gs1_activation_code?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PendingParticipantCardDto) card?: PendingParticipantCardDto;
  @IsOptional() @IsString() @MaxLength(100) email?: string;
  @IsOptional() @IsString() @MaxLength(200) password?: string;
  @IsOptional() @IsString() @MaxLength(100) first_name?: string;
  @IsOptional() @IsString() @MaxLength(100) last_name?: string;
}

export class RejectWithReasonDto {
  @IsString() @MaxLength(100) code: string;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
