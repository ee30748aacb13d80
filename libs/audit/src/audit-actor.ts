import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Header, type MessageHeaders, sessionFromHeaders } from '#libs/contracts';
import { requestContext, StreamContext } from '#libs/transport';

/** Who did it (Keycloak's authDetails), as the gateway passed it: the session, the client IP, the request id. */
export interface AuditActor {
  userId: string | null;
  /** The session's current participant. */
  participantId: string | null;
  ip: string | null;
  requestId: string | null;
  /** `gateway`, or the service that asked (x-caller). */
  caller: string | null;
}

/** From the message headers (x-session, x-request-id, x-caller) and the HttpRequestPayload's `ip`. */
export function actorFrom(headers: MessageHeaders | undefined, payload?: unknown): AuditActor {
  const session = sessionFromHeaders(headers);
  const ip = (payload as { ip?: unknown } | null | undefined)?.ip;
  return {
    userId: session?.userId ?? null,
    participantId: session?.currentParticipant ?? null,
    ip: typeof ip === 'string' && ip !== '' ? ip : null,
    requestId: headers?.[Header.RequestId] ?? requestContext.current()?.requestId ?? null,
    caller: headers?.[Header.Caller] ?? null,
  };
}

/** The AuditActor of the message a handler is working on. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): AuditActor => {
  const rpc = ctx.switchToRpc();
  const context = rpc.getContext<unknown>();
  return actorFrom(context instanceof StreamContext ? context.getHeaders() : undefined, rpc.getData());
});
