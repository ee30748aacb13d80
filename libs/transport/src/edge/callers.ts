import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type ApiKeyCaller, Header, type MessageHeaders, type SessionInfo } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { StreamContext } from '../stream-context.js';

function streamContextOf(ctx: ExecutionContext): StreamContext | undefined {
  const rpc = ctx.switchToRpc().getContext<unknown>();
  return rpc instanceof StreamContext ? rpc : undefined;
}

/** The participant behind an `api-key` route, as the gateway put it in the headers; 401 without one. */
export function apiKeyCallerFrom(headers: MessageHeaders | undefined): ApiKeyCaller {
  const raw = headers?.[Header.ApiKey];
  if (raw) {
    try {
      const caller = JSON.parse(raw) as Partial<ApiKeyCaller>;
      if (typeof caller.participantId === 'string' && typeof caller.keyId === 'string') {
        return { participantId: caller.participantId, keyId: caller.keyId };
      }
    } catch { /* falls through to the error */ }
  }
  throw DomainError.unauthenticated('Invalid or missing API key');
}

/**
 * The caller's session. The edge guard has already demanded it where the pattern's policy does
 * (`ticket`, `system`, `sys-admin`); anywhere else a missing session is a 401.
 */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): SessionInfo => {
  const session = streamContextOf(ctx)?.getSession();
  if (!session) throw DomainError.unauthenticated();
  return session;
});

/** The caller's session if one came along (public routes are told who calls when a ticket is valid). */
export const MaybeCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): SessionInfo | undefined =>
  streamContextOf(ctx)?.getSession());

/** The participant of an `api-key` route. */
export const ApiKeyCallerParam = createParamDecorator((_: unknown, ctx: ExecutionContext): ApiKeyCaller =>
  apiKeyCallerFrom(streamContextOf(ctx)?.getHeaders()));
