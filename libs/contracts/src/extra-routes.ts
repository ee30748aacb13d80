import type { RouteRow } from './http-routes.js';

/**
 * Routes that are not in ENDPOINTS.md but that our services need (API key management, QR
 * images, ...). Same tuple as ROWS in http-routes.ts; the row id starts with 'x-'.
 * Static paths must come before parameterised paths that could shadow them.
 */
export const EXTRA_ROUTE_ROWS: RouteRow[] = [
];
