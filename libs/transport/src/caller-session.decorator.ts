import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { sessionFromHeaders, type SessionInfo } from '#libs/contracts';
import { StreamContext } from './stream-context.js';

/** The caller's SessionInfo from the x-session header, or undefined. */
export const CallerSession = createParamDecorator((_: unknown, ctx: ExecutionContext): SessionInfo | undefined => {
  const rpc = ctx.switchToRpc().getContext<StreamContext>();
  return rpc instanceof StreamContext ? sessionFromHeaders(rpc.getHeaders()) : undefined;
});
