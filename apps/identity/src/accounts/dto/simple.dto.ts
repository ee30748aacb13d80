import { IsEmail, IsString, IsUUID, MaxLength } from 'class-validator';

export class ResendCodeDto {
  @IsString() @IsUUID('4', { message: 'token must be a UUID' })
  token: string;
}

export class CheckAccountDto {
  @IsString() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(100)
  email: string;
}
