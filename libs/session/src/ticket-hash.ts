import { createHash } from 'node:crypto';

/** Redis keys hold only this hash, so a Redis dump yields no usable ticket. */
export function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('base64url');
}
