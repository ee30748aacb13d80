import { HTTP_ROUTES, type RouteAuth, type ServiceName } from '#libs/contracts';

/** Who may send an internal pattern: any of our services, or only those named; optionally with a session. */
export interface InternalPolicy {
  from?: readonly ServiceName[];
  session?: SessionAuth;
}

/** The route auths that a session satisfies (RouteAuth in libs/contracts). */
export type SessionAuth = Extract<RouteAuth, 'ticket' | 'system' | 'sys-admin'>;

export type CallerPolicy = { route: RouteAuth } | { internal: InternalPolicy };

/** Route auth by message pattern: the route table's Auth column, the one place HTTP callers are declared. */
const ROUTE_AUTH: ReadonlyMap<string, RouteAuth> = routeAuthByPattern();

function routeAuthByPattern(): Map<string, RouteAuth> {
  const auths = new Map<string, RouteAuth>();
  for (const route of HTTP_ROUTES) {
    const known = auths.get(route.pattern);
    if (known !== undefined && known !== route.auth) {
      throw new Error(`${route.pattern} is routed with two auths (${known}, ${route.auth})`);
    }
    auths.set(route.pattern, route.auth);
  }
  return auths;
}

/** A routed pattern's auth wins; an internal one needs its `@Internal()`; neither is undeclared. */
export function policyOf(pattern: string, internal: InternalPolicy | undefined): CallerPolicy | undefined {
  const route = ROUTE_AUTH.get(pattern);
  if (route !== undefined) return { route };
  return internal ? { internal } : undefined;
}

export function isRoutedPattern(pattern: string): boolean {
  return ROUTE_AUTH.has(pattern);
}
