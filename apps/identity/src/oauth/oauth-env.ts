import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsSecret } from '#libs/config';

const URL_RULE = [/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' }] as const;

/** OAuth providers: base URLs (tests point them at local stand-ins) and app credentials. */
export class OAuthEnv {
  @Matches(...URL_RULE) FACEBOOK_GRAPH_URL = 'https://graph.facebook.com';

  @Matches(...URL_RULE) GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';
  /** Comma separated accepted `iss` values. */
  @IsString() GOOGLE_ISSUERS = 'https://accounts.google.com,accounts.google.com';
  /** Comma separated OAuth client ids accepted as `aud`; empty refuses every Google token. */
  @IsString() GOOGLE_CLIENT_IDS = '';

  @Matches(...URL_RULE) INSTAGRAM_API_URL = 'https://api.instagram.com';
  @Matches(...URL_RULE) INSTAGRAM_GRAPH_URL = 'https://graph.instagram.com';
  @IsString() INSTAGRAM_CLIENT_ID = '';
  @IsString() @IsSecret({ optional: true }) INSTAGRAM_CLIENT_SECRET = '';
  @IsString() INSTAGRAM_REDIRECT_URI = '';

  @Matches(...URL_RULE) TWITTER_API_URL = 'https://api.twitter.com';
  @IsString() TWITTER_CONSUMER_KEY = '';
  @IsString() @IsSecret({ optional: true }) TWITTER_CONSUMER_SECRET = '';

  @Matches(...URL_RULE) VK_OAUTH_URL = 'https://oauth.vk.com';
  @Matches(...URL_RULE) VK_API_URL = 'https://api.vk.com';
  @IsString() VK_CLIENT_ID = '';
  @IsString() @IsSecret({ optional: true }) VK_CLIENT_SECRET = '';
  @IsString() VK_REDIRECT_URI = 'https://oauth.vk.com/blank.html';

  @Matches(...URL_RULE) WECHAT_API_URL = 'https://api.weixin.qq.com';
  @IsString() WECHAT_APP_ID = '';
  @IsString() @IsSecret({ optional: true }) WECHAT_APP_SECRET = '';

  @Type(() => Number) @IsInt() @Min(100) @Max(60_000) @IsOptional()
  OAUTH_TIMEOUT_MS = 5000;
}

export const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);
