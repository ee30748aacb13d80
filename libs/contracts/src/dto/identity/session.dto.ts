import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { LOCALE_COUNTRY, LOCALE_COUNTRY_MESSAGE, LOCALE_LANGUAGE, LOCALE_LANGUAGE_MESSAGE, PASSWORD_MAX, PHONE_PATTERN } from './profile.dto.js';
import { IsParticipantId } from '../field-rules.js';

/** Either email (or its alias username) or phone; checked in the service. */
export class CreateSessionDto {
  @IsOptional() @IsString() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(100)
  email?: string;

  @IsOptional() @IsString() @IsEmail({}, { message: 'username must be a valid email address' }) @MaxLength(100)
  username?: string;

  @IsOptional() @IsString() @Matches(PHONE_PATTERN, { message: '$property must be an international number like +61400000000' })
  phone?: string;

  @IsString() @MinLength(1) @MaxLength(PASSWORD_MAX)
  password: string;

  @IsOptional() @IsString() @Matches(LOCALE_COUNTRY, { message: LOCALE_COUNTRY_MESSAGE })
  country?: string;

  @IsOptional() @IsString() @Matches(LOCALE_LANGUAGE, { message: LOCALE_LANGUAGE_MESSAGE })
  language?: string;
}

export class SwitchContextDto {
  @IsParticipantId()
  new_participant: string;
}
