// class-transformer's @Type() calls Reflect.getMetadata when the class is declared, whoever imports contracts.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { LOCALE_COUNTRY, LOCALE_COUNTRY_MESSAGE, LOCALE_LANGUAGE, LOCALE_LANGUAGE_MESSAGE, PASSWORD_MAX, PASSWORD_MIN, ProfileFields } from './profile.dto.js';

/** `pending_participant` of POST /account: a brand unlock / participant registration begun at sign-up. */
export class PendingParticipantDraftDto {
  @IsOptional() @IsString() @Matches(/^\d{7,13}$/, { message: 'company_prefix must be 7 to 13 digits' })
  company_prefix?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  brand_name?: string;

  @IsOptional() @IsIn(['product360'])
  participant_type?: string;
}

export class CreateAccountDto extends ProfileFields {
  @IsOptional() @IsIn(['email', 'phone'])
  reg_type?: 'email' | 'phone';

  /** Required for email registration (the default). */
  @ValidateIf((o: CreateAccountDto) => o.reg_type !== 'phone' || o.email !== undefined)
  @IsString() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(100)
  email?: string;

  @IsString() @MinLength(PASSWORD_MIN) @MaxLength(PASSWORD_MAX)
  password: string;

  @IsOptional() @ValidateNested() @Type(() => PendingParticipantDraftDto)
  pending_participant?: PendingParticipantDraftDto;
}

/** PUT /account takes a password of at least 5 characters (doc). */
export const UPDATE_PASSWORD_MIN = 5;

export class UpdateAccountDto extends ProfileFields {
  @IsOptional() @IsString() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(100)
  email?: string;

  @IsOptional() @IsString() @MinLength(UPDATE_PASSWORD_MIN) @MaxLength(PASSWORD_MAX)
  password?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(PASSWORD_MAX)
  old_password?: string;
}

export class NotificationSettingsDto {
  @IsOptional() @IsBoolean() notify_on_buddies?: boolean;
  @IsOptional() @IsBoolean() notify_on_reviews?: boolean;
  @IsOptional() @IsBoolean() notify_on_rewards?: boolean;
  @IsOptional() @IsBoolean() remind_to_scan?: boolean;
  @IsOptional() @IsBoolean() reminders_notifications?: boolean;
}

export class LocaleDto {
  @IsOptional() @IsString() @Matches(LOCALE_COUNTRY, { message: LOCALE_COUNTRY_MESSAGE })
  country?: string;

  @IsOptional() @IsString() @Matches(LOCALE_LANGUAGE, { message: LOCALE_LANGUAGE_MESSAGE })
  language?: string;

  @IsOptional() @IsInt() @Min(-720) @Max(840)
  timezone_min?: number;
}

export class RestoreRequestDto {
  @IsString() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(100)
  email: string;
}

export class RestorePasswordDto {
  @IsString() @MinLength(UPDATE_PASSWORD_MIN) @MaxLength(PASSWORD_MAX)
  password: string;
}

export class ResendCodeDto {
  @IsString() @IsUUID('4', { message: 'token must be a UUID' })
  token: string;
}

export class CheckAccountDto {
  @IsString() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(100)
  email: string;
}
