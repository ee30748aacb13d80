import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PASSWORD_MAX, PASSWORD_MIN, ProfileFields } from './profile-fields.js';

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
