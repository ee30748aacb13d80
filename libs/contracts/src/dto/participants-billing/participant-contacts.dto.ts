import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/**
 * PUT /participants/participant/:id/contacts: a string sets a field, null clears it, an absent
 * field stays as it is. Values are shown to users (sessions, profiles): kept short and plain.
 */
export class SetContactsDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  address?: string | null;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  city?: string | null;

  /** The contact person's name. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  contact?: string | null;

  @IsOptional() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254)
  email?: string | null;

  @IsOptional() @IsString() @Matches(/^(https?:\/\/)?([\w-]+\.)*facebook\.com\/\S{1,200}$/i, { message: 'facebook_url must be a facebook.com address' })
  facebook_url?: string | null;

  @IsOptional() @IsString() @Matches(/^https?:\/\/\S{1,1000}$/, { message: 'logo must be an http(s) URL' })
  logo?: string | null;

  @IsOptional() @IsString() @Matches(/^\+?[0-9][0-9 ()-]{4,24}$/, { message: 'phone must be a phone number, e.g. +61290000000' })
  phone?: string | null;

  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/, { message: 'post_code must be 2 to 12 letters, digits, spaces or dashes' })
  post_code?: string | null;
}
