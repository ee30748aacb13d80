import type { RouteDoc } from './examples.js';

/** Examples of routes our services add (extra-routes.ts), which the API documents do not cover. Keyed by row. */
export const EXTRA_ROUTE_DOCS: Record<string, RouteDoc> = {
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
};
