import { type SessionInfo } from './session.js';

/** Header names carried by every transport message (strings only). */
export const Header = {
  RequestId: 'x-request-id',
  /** JSON of SessionInfo when the caller came through the gateway with a ticket. */
  Session: 'x-session',
  /** JSON of ApiKeyCaller when the caller authenticated with a participant API key. */
  ApiKey: 'x-api-key-caller',
  /** Name of the calling service (or `gateway`). */
  Caller: 'x-caller',
} as const;

export type MessageHeaders = Record<string, string>;

export interface ApiKeyCaller { participantId: string; keyId: string }

export function sessionFromHeaders(headers: MessageHeaders | undefined): SessionInfo | undefined {
  const raw = headers?.[Header.Session];
  return raw ? (JSON.parse(raw) as SessionInfo) : undefined;
}
