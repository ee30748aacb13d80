import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `POST /account/oauth`, JSON or form-encoded (then every value is a string, which is all this takes). */
export class OAuthDto {
  @IsOptional() @IsString() @MaxLength(20) service?: string;
  @IsOptional() @IsString() @MaxLength(4096) access_token?: string;
  /** Alias of access_token in the form-encoded example (`service=facebook&token=...`). */
  @IsOptional() @IsString() @MaxLength(4096) token?: string;
  @IsOptional() @IsString() @MaxLength(4096) code?: string;
  @IsOptional() @IsString() @MaxLength(8192) id_token?: string;
  @IsOptional() @IsString() @MaxLength(200) user_id?: string;
  @IsOptional() @IsString() @MaxLength(4096) oauth_token?: string;
  @IsOptional() @IsString() @MaxLength(4096) oauth_token_secret?: string;
  @IsOptional() @IsString() @MaxLength(10) country?: string;
  @IsOptional() @IsString() @MaxLength(10) language?: string;
}
