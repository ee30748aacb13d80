import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PASSWORD_MAX, ProfileFields } from './profile-fields.js';

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
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9]{2,3}$/, { message: '$property must be a 2-3 character country code' })
  country?: string;

  @IsOptional() @IsString() @Matches(/^[a-z]{2,3}([-_][A-Za-z]{2,4})?$/, { message: '$property must be a language code such as en or pt-BR' })
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
