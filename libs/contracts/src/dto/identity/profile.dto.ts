import { IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { isRealDate } from '../../rules.js';

export const GENDERS = ['male', 'female', 'other'] as const;
export const PHONE_PATTERN = /^\+[1-9]\d{6,14}$/;
/** Locale of an account or a sign-in: `country` and `language` as the profile, a session and PUT /account/locale take them. */
export const LOCALE_COUNTRY = /^[A-Za-z0-9]{2,3}$/;
export const LOCALE_COUNTRY_MESSAGE = '$property must be a 2-3 character country code';
export const LOCALE_LANGUAGE = /^[a-z]{2,3}([-_][A-Za-z]{2,4})?$/;
export const LOCALE_LANGUAGE_MESSAGE = '$property must be a language code such as en or pt-BR';

/** `YYYY-MM-DD` that is a real calendar date, not in the future. */
export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isRealDate(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return date.getTime() <= Date.now() && date.getUTCFullYear() >= 1900;
}

export function IsBirthdate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isBirthdate',
    validator: { validate: isIsoDate, defaultMessage: () => '$property must be an ISO date (YYYY-MM-DD) between 1900 and today' },
  }, options);
}

/** Profile fields shared by account creation and (later) update. */
export class ProfileFields {
  @IsOptional() @IsString() @MaxLength(100) first_name?: string;
  @IsOptional() @IsString() @MaxLength(100) last_name?: string;
  @IsOptional() @IsIn(GENDERS) gender?: (typeof GENDERS)[number];
  @IsOptional() @IsBirthdate() birthdate?: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2048) photo?: string;
  @IsOptional() @IsString() @Matches(LOCALE_COUNTRY, { message: LOCALE_COUNTRY_MESSAGE }) country?: string;
  @IsOptional() @IsString() @Matches(LOCALE_LANGUAGE, { message: LOCALE_LANGUAGE_MESSAGE }) language?: string;
  @IsOptional() @IsString() @MaxLength(100) city?: string;
  @IsOptional() @IsString() @Length(3, 10) post_code?: string;
  @IsOptional() @IsString() @MaxLength(200) address1?: string;
  @IsOptional() @IsString() @MaxLength(200) address2?: string;
  @IsOptional() @IsString() @MaxLength(100) job_title?: string;
  @IsOptional() @IsString() @Matches(PHONE_PATTERN, { message: '$property must be an international number like +61400000000' }) phone?: string;
}

export const PASSWORD_MIN = 6;
export const PASSWORD_MAX = 128;
