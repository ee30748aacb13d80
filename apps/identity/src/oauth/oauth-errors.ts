import { DomainError, ErrorKind } from '#libs/errors';

/** The errors of the doc ("Create account via facebook API"), message for message. */
export enum OAuthError {
  UnknownService = 'identity.oauth.unknown_service',
  TokenNotFound = 'identity.oauth.token_not_found',
  ProfileRejected = 'identity.oauth.profile_rejected',
  InvalidJson = 'identity.oauth.invalid_json',
  ServerUnavailable = 'identity.oauth.server_unavailable',
  ProfileIncomplete = 'identity.oauth.profile_incomplete',
}

const KIND: Record<OAuthError, ErrorKind> = {
  [OAuthError.UnknownService]: ErrorKind.InvalidInput,
  [OAuthError.TokenNotFound]: ErrorKind.InvalidInput,
  [OAuthError.ProfileRejected]: ErrorKind.Unauthenticated,
  [OAuthError.InvalidJson]: ErrorKind.Unavailable,
  [OAuthError.ServerUnavailable]: ErrorKind.Unavailable,
  [OAuthError.ProfileIncomplete]: ErrorKind.Unauthenticated,
};

const MESSAGE: Record<OAuthError, string> = {
  [OAuthError.UnknownService]: 'service contains unavailable value',
  [OAuthError.TokenNotFound]: 'Token not found',
  [OAuthError.ProfileRejected]: "Can't read profile by token",
  [OAuthError.InvalidJson]: 'Invalid json data from host',
  [OAuthError.ServerUnavailable]: 'Oauth server is not available',
  [OAuthError.ProfileIncomplete]: 'Cant read data for fill profile',
};

export function oauthError(code: OAuthError): DomainError {
  return new DomainError(KIND[code], MESSAGE[code], code);
}
