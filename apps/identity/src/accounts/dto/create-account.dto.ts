import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PASSWORD_MAX, PASSWORD_MIN, ProfileFields } from './profile-fields.js';

export class CreateAccountDto extends ProfileFields {
  @IsOptional() @IsIn(['email', 'phone'])
  reg_type?: 'email' | 'phone';

  /** Required for email registration (the default). */
  @ValidateIf((o: CreateAccountDto) => o.reg_type !== 'phone' || o.email !== undefined)
  @IsString() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(100)
  email?: string;

  @IsString() @MinLength(PASSWORD_MIN) @MaxLength(PASSWORD_MAX)
  password: string;
}
