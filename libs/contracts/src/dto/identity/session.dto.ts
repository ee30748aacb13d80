import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX, PHONE_PATTERN } from './profile.dto.js';
import { PARTICIPANT_ID } from '../../rules.js';

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

  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9]{2,3}$/, { message: '$property must be a 2-3 character country code' })
  country?: string;

  @IsOptional() @IsString() @Matches(/^[a-z]{2,3}([-_][A-Za-z]{2,4})?$/, { message: '$property must be a language code such as en or pt-BR' })
  language?: string;
}

export class SwitchContextDto {
  @IsString() @Matches(PARTICIPANT_ID, { message: 'new_participant must be a participant id (urn:authenticateit:participant:<n>)' })
  new_participant: string;
}
