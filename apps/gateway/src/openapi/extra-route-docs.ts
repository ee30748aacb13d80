import { AUDIT_ACTION_NAMES, AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT } from '#libs/contracts';
import type { RouteDoc } from './examples.js';

const API_KEY = {
  id: '2e1d4a85-4b63-4577-a815-5661f74010fe', participant_id: 'urn:authenticateit:participant:12', name: 'shop till',
  key_prefix: 'pck_Ok7sJM', created_at: '2026-03-02T09:14:05Z', revoked_at: null,
};

/** Fields and examples of routes the API documents do not describe (extra-routes.ts), by row. */
export const EXTRA_ROUTE_DOCS: Record<string, RouteDoc> = {
  'x-cert-1': {
    fields: [
      { name: 'participant_id', type: 'string', required: true, description: 'The participant the key acts for' },
      { name: 'name', type: 'string', required: false, description: 'A label for the key' },
    ],
    requests: { 'Example Request': { participant_id: 'urn:authenticateit:participant:12', name: 'shop till' } },
    responses: { 'The key (`key` is shown this once; only its prefix is kept readable)': { ...API_KEY, key: 'pck_Ok7sJM-YXFp81YdPxrzew2HmS5hEcMYPuanWgYpMwlmg' } },
  },
  'x-cert-2': {
    fields: [{ name: 'participant_id', type: 'string', required: false, description: "Only this participant's keys" }],
    responses: { 'Keys, without secrets': [API_KEY, { ...API_KEY, id: '7c1f0d2e-9b3a-4e8f-a6d5-1b2c3d4e5f60', name: null, revoked_at: '2026-03-05T11:00:00Z' }] },
  },
  'x-cert-3': {
    responses: { 'The revoked key (revoking it again answers it unchanged)': { ...API_KEY, revoked_at: '2026-03-05T11:00:00Z' } },
  },
  'x-id-1': {
    responses: {
      "The caller's live sessions, newest first": {
        sessions: [
          {
            id: 'Vq3hC8dQx1mZr7Tb', created_at: '2026-03-02T09:14:05.120Z', last_seen_at: '2026-03-02T10:01:44.000Z',
            ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)', current: true,
          },
          {
            id: 'p0Lk2Wc9sYtEe4Hn', created_at: '2026-02-20T18:30:11.000Z', last_seen_at: '2026-02-28T07:12:09.000Z',
            ip: null, user_agent: null, current: false,
          },
        ],
      },
    },
  },
  'x-id-2': {
    responses: { 'The session has ended': {} },
  },
  'x-id-3': {
    fields: [
      { name: 'actor', type: 'string', required: false, description: 'User id of who did it' },
      { name: 'target', type: 'string', required: false, description: 'Id of the target, or of its owner (a participant id also finds its API keys and memberships; a user id its cashouts)' },
      { name: 'action', type: 'string', required: false, description: `One of ${AUDIT_ACTION_NAMES.join(', ')}` },
      { name: 'from', type: 'string', required: false, description: 'ISO 8601 date or date-time with a zone; events at or after it' },
      { name: 'to', type: 'string', required: false, description: 'ISO 8601 date or date-time with a zone; events before it (after from)' },
      { name: 'limit', type: 'int', required: false, description: `Page size, 1 to ${AUDIT_MAX_LIMIT} (default ${AUDIT_DEFAULT_LIMIT})` },
      { name: 'cursor', type: 'string', required: false, description: 'The next_cursor of the previous page (keyset paging: pages stay stable while events are recorded)' },
    ],
    requests: {
      'Example Request': { target: 'urn:authenticateit:participant:12', from: '2026-03-01T00:00:00Z', limit: 20 },
      'Example Request (next page)': { target: 'urn:authenticateit:participant:12', from: '2026-03-01T00:00:00Z', limit: 20, cursor: 'MjAyNi0wMy0wMlQwOToxNDowNS4xMjAzNDFaIDNmNmMyYTFlLThhNGItNGMxZC05ZTJmLTViN2EwYzlkMWUyMw' },
    },
    responses: {
      'Newest first; every service answered': {
        events: [
          {
            id: '3f6c2a1e-8a4b-4c1d-9e2f-5b7a0c9d1e23', time: '2026-03-02T09:14:05.120341Z', service: 'participants-billing',
            action: 'deposit_fee.set', operation: 'UPDATE',
            target: { type: 'participant', id: 'urn:authenticateit:participant:12', owner: null },
            actor: {
              user_id: 'urn:authenticateit:user:email:1', participant_id: 'urn:authenticateit:participant:1',
              ip: '203.0.113.7', request_id: '5d0c8b1e-2f4a-4b7e-9a61-0c3d2e1f4a5b', caller: 'gateway',
            },
            before: { type: 'percentages', value: 5 },
            after: { type: 'percentages', value: 7.5 },
          },
        ],
        next_cursor: 'MjAyNi0wMy0wMlQwOToxNDowNS4xMjAzNDFaIDNmNmMyYTFlLThhNGItNGMxZC05ZTJmLTViN2EwYzlkMWUyMw',
        incomplete: [],
      },
      'A service did not answer (still 200: its events are missing)': { events: [], next_cursor: null, incomplete: ['rewards'] },
    },
  },
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
      name, type: 'string or null', required: false, description: 'A string sets it, null clears it, absent leaves it',
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
