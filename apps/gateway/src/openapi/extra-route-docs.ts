import type { RouteDoc } from './examples.js';

/** Fields and examples of routes the API documents do not describe (extra-routes.ts), by row. */
export const EXTRA_ROUTE_DOCS: Record<string, RouteDoc> = {
  'x-billing-1': {
    fields: [
      { name: 'amount', type: 'int', required: true, description: 'Top-up amount in minor units of currency (cents), at least 50' },
      { name: 'currency', type: 'string', required: true, description: 'aud, usd, eur, gbp or nzd (one coin per cent)' },
      { name: 'frequency', type: 'string', required: true, description: 'daily, weekly or monthly: at most one top-up attempt per period since the settings were saved' },
      { name: 'coins_threshold', type: 'coins', required: true, description: 'A charge leaving the balance below this tops the deposit up' },
      { name: 'minimal_amount', type: 'bool', required: true, description: 'Stored and shown' },
      { name: 'status', type: 'string', required: true, description: 'active or inactive' },
    ],
    requests: {
      'Example Request': { amount: 20000, coins_threshold: '20000000000000000000000', currency: 'aud', frequency: 'weekly', minimal_amount: false, status: 'active' },
    },
    responses: {
      'Example Response': {
        result: { amount: 20000, coins_threshold: '20000000000000000000000', currency: 'aud', frequency: 'weekly', minimal_amount: false, status: 'active' },
        status: 'ok',
      },
    },
  },
  'x-billing-2': {
    fields: ['address', 'city', 'contact', 'email', 'facebook_url', 'logo', 'phone', 'post_code'].map((name) => ({
      name, type: 'string', required: false, description: 'A string sets it, null clears it, absent leaves it',
    })),
    requests: { 'Example Request': { city: 'Sydney', phone: '+61290000000', email: 'office@brand.example', logo: null } },
    responses: { 'Example Response': { result: { city: 'Sydney', email: 'office@brand.example', phone: '+61290000000' }, status: 'ok' } },
  },
  'x-billing-3': {
    fields: [
      { name: 'id', type: 'string', required: true, description: 'Stripe event id (evt_...): an event is applied once' },
      { name: 'type', type: 'string', required: true, description: 'payment_intent.succeeded, payment_intent.payment_failed and charge.refunded are applied; others acknowledged' },
      { name: 'data', type: 'object', required: true, description: 'The event object. The Stripe-Signature header (t=...,v1=...) must verify over the body exactly as sent, within the tolerance; otherwise 400' },
    ],
    responses: { 'Example Response': { received: true }, 'Example Response (replayed event)': { received: true, duplicate: true } },
  },
};
