import { type DomainError, ErrorKind, fixedMessageErrors } from '#libs/errors';

/** The errors of the doc ("Create account via facebook API"), message for message. */
export enum OAuthError {
  UnknownService = 'identity.oauth.unknown_service',
  TokenNotFound = 'identity.oauth.token_not_found',
  ProfileRejected = 'identity.oauth.profile_rejected',
  InvalidJson = 'identity.oauth.invalid_json',
  ServerUnavailable = 'identity.oauth.server_unavailable',
  ProfileIncomplete = 'identity.oauth.profile_incomplete',
}

const ERRORS = fixedMessageErrors<OAuthError>({
  [OAuthError.UnknownService]: [ErrorKind.InvalidInput, 'service contains unavailable value'],
  [OAuthError.TokenNotFound]: [ErrorKind.InvalidInput, 'Token not found'],
  [OAuthError.ProfileRejected]: [ErrorKind.Unauthenticated, "Can't read profile by token"],
  [OAuthError.InvalidJson]: [ErrorKind.Unavailable, 'Invalid json data from host'],
  [OAuthError.ServerUnavailable]: [ErrorKind.Unavailable, 'Oauth server is not available'],
  [OAuthError.ProfileIncomplete]: [ErrorKind.Unauthenticated, 'Cant read data for fill profile'],
});

export function oauthError(code: OAuthError): DomainError {
  return ERRORS(code);
}
