import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PATTERN_HANDLER_METADATA } from '@nestjs/microservices/constants.js';
import { Header, type RouteAuth } from '#libs/contracts';
import { assertNever, DomainError } from '#libs/errors';
import { StreamContext } from '../stream-context.js';
import { type CallerPolicy, type InternalPolicy, policyOf } from './caller-policy.js';
import { apiKeyCallerFrom } from './callers.js';
import { INTERNAL_POLICY } from './internal.decorator.js';
import { sessionFor } from './session-auth.js';

const EVENT_HANDLER = 2; // Nest's PatternHandler.EVENT: events come from our own emitters

/**
 * The one edge of every service: before a message handler runs, the caller is checked against
 * the pattern's declared policy (route table Auth column, or `@Internal()`). Undeclared is refused.
 */
@Injectable()
export class EdgeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rpc = context.switchToRpc().getContext<unknown>();
    if (!(rpc instanceof StreamContext)) return true;
    const handler = context.getHandler();
    if (this.reflector.get(PATTERN_HANDLER_METADATA, handler) === EVENT_HANDLER) return true;
    const policy = policyOf(rpc.getPattern(), this.reflector.get<InternalPolicy | undefined>(INTERNAL_POLICY, handler));
    enforce(policy, rpc);
    return true;
  }
}

function enforce(policy: CallerPolicy | undefined, rpc: StreamContext): void {
  if (policy === undefined) throw DomainError.forbidden('No caller policy is declared for this pattern', 'transport.undeclared_pattern');
  if ('route' in policy) return enforceRoute(policy.route, rpc);
  const { from, session } = policy.internal;
  const caller = rpc.getHeaders()[Header.Caller];
  if (from && !(from as readonly string[]).includes(caller ?? '')) {
    throw DomainError.forbidden(`Only ${from.join(', ')} may send this`, 'transport.caller_not_allowed');
  }
  if (session) sessionFor(session, rpc.getSession());
}

function enforceRoute(auth: RouteAuth, rpc: StreamContext): void {
  switch (auth) {
    case 'none':
    case 'reset-ticket': return; // the owning service checks the one-time ticket itself
    case 'ticket':
    case 'system':
    case 'sys-admin': sessionFor(auth, rpc.getSession()); return; // parsed once: @Caller() reads the same
    case 'api-key': apiKeyCallerFrom(rpc.getHeaders()); return;
    default: assertNever(auth);
  }
}
