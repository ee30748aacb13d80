import { IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX, PHONE_PATTERN } from './profile.dto.js';
import { UPDATE_PASSWORD_MIN } from './account.dto.js';
import { IsUserId } from '../field-rules.js';

const PHONE_MESSAGE = { message: '$property must be an international number like +61400000000' };
export const SMS_CODE_PATTERN = /^\d{4,8}$/;

export class SendCodeDto {
  @IsString() @Matches(PHONE_PATTERN, PHONE_MESSAGE) phone: string;
  @IsOptional() @IsBoolean() reset_password?: boolean;
}

export class VerifyCodeDto {
  @IsString() @Matches(PHONE_PATTERN, PHONE_MESSAGE) phone: string;
  @IsString() @Matches(SMS_CODE_PATTERN, { message: 'code must be the digits from the SMS' }) code: string;
  @IsOptional() @IsBoolean() reset_password?: boolean;
}

export class ResetPasswordDto {
  @IsString() @Matches(PHONE_PATTERN, PHONE_MESSAGE) phone: string;
  @IsString() @MinLength(UPDATE_PASSWORD_MIN) @MaxLength(PASSWORD_MAX) password: string;
  /** Or the authenticateit_identity_ticket header. */
  @IsOptional() @IsString() @IsUUID('4', { message: 'ticket must be the ticket from verify_code' }) ticket?: string;
}

/** `IdentityPattern.PhoneVerificationReset` (sys-admin): the user whose phone verification is reset. */
export class PhoneVerificationResetDto {
  @IsUserId()
  id: string;
}
