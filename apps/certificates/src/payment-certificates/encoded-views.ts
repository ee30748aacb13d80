import { RawJson } from '#libs/transport';
import type { CreateItem } from './payment-certificate-input.js';

/**
 * A bulk-create answer (up to 10,000 certificates) as JSON bytes, from the items and the ids
 * Postgres gave them (decimal text): the same text `JSON.stringify` gives for the views
 * `{ id: Number(id), code, is_active, value }` (in that order), with no view object built;
 * relayed as is by the gateway.
 */
export function encodeCreatedViews(ids: readonly string[], items: readonly CreateItem[]): RawJson {
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    parts[i] = `{"id":${jsonId(ids[i])},"code":${JSON.stringify(v.code)},"is_active":${v.is_active},"value":${v.value}}`;
  }
  return RawJson.fromText(`[${parts.join(',')}]`);
}

/** Up to 15 digits the text is the number's JSON; beyond, JSON of Number() as the views had it. */
function jsonId(id: string): string {
  return id.length < 16 ? id : String(Number(id));
}
