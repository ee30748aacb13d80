// The read side of the audit trail: sys-admins only, filters, keyset paging newest first across
// services, 400 naming a bad filter, a service that is down named in `incomplete`, the internal
// list patterns refused to anyone but identity, and append-only tables.
import { jest } from '@jest/globals';
import pg from 'pg';
import { BillingPattern, CertificatesPattern, RewardsPattern } from '#libs/contracts';
import { internalCaller } from '../journeys/journey-support.js';
import { eventually } from '../support/service-harness.js';
import { sharedSystem } from '../support/shared-system.js';
import { http, type RunningSystem } from '../support/system.js';
import { activeUser, otherParticipantAdmin, type SignedIn, signInSystemAdmin } from '../support/trust-callers.js';
import { AUDIT_GET, act, allEvents, auditGet, expectOk } from './audit-support.js';

jest.setTimeout(180_000);

const I = '/identity-service';
let sys: RunningSystem;
let admin: SignedIn;
let brand: SignedIn;
let users: SignedIn[];
let startedAt: string;

beforeAll(async () => {
  sys = await sharedSystem();
  admin = await signInSystemAdmin(sys);
  brand = await otherParticipantAdmin(sys, admin);
  users = await Promise.all([1, 2, 3].map((n) => activeUser(sys, `audit-read-${n}`)));
  startedAt = new Date().toISOString();
  // Records in three services: identity (blocks, a nomination), billing (fees), certificates (an API key).
  for (const u of users) {
    expectOk('block', await act(sys, admin.ticket, 'POST', '/user/permanently_block/set', { id: u.userId }));
    expectOk('unblock', await act(sys, admin.ticket, 'POST', '/user/permanently_block/unset', { id: u.userId }));
  }
  expectOk('nominate', await act(sys, brand.ticket, 'POST', `${I}/nominate`, { id: users[0].userId, current_participant: brand.currentParticipant, role: ['user'] }));
  const fee = `${I}/participants/participant/${encodeURIComponent(brand.currentParticipant)}/deposit/fee`;
  for (const value of [1, 2]) expectOk('fee', await act(sys, admin.ticket, 'PUT', fee, { type: 'percentages', value, status: 'active', source: 'balance' }));
  expectOk('api key', await act(sys, admin.ticket, 'POST', '/certificates/api-keys', { participant_id: brand.currentParticipant, name: 'read suite' }));
});

const newestFirst = (times: string[]) => [...times].sort().reverse();

describe('POST /identity-service/audit/get', () => {
  it('answers sys-admins only: 401 without a ticket, 403 for a user and for another participant\'s admin', async () => {
    expect((await http(sys.baseUrl, 'POST', AUDIT_GET, { body: {} })).status).toBe(401);
    const plain = await activeUser(sys, 'audit-read-plain');
    expect((await auditGet(sys, plain.ticket)).status).toBe(403);
    expect((await auditGet(sys, brand.ticket)).status).toBe(403);
    const ok = await auditGet(sys, admin.ticket);
    expect(ok.status).toBe(200);
    expect(ok.body.incomplete).toEqual([]);
  });

  it('merges every service newest first; filters by actor, action, target and time range', async () => {
    const all = await allEvents(sys, admin.ticket, { from: startedAt });
    expect(new Set(all.map((e) => e.service))).toEqual(new Set(['identity', 'participants-billing', 'certificates']));
    expect(all.map((e) => e.time)).toEqual(newestFirst(all.map((e) => e.time)));
    expect(all).toHaveLength(6 + 1 + 2 + 1);

    const byBrand = await allEvents(sys, admin.ticket, { actor: brand.userId });
    expect(byBrand.map((e) => e.action)).toEqual(['membership.nominate']);
    const blocks = await allEvents(sys, admin.ticket, { action: 'user.block', from: startedAt });
    expect(blocks.map((e) => e.target.id).sort()).toEqual(users.map((u) => u.userId).sort());
    const aboutBrand = await allEvents(sys, admin.ticket, { target: brand.currentParticipant });
    expect(aboutBrand.map((e) => e.action)).toEqual(['api_key.create', 'deposit_fee.set', 'deposit_fee.set', 'membership.nominate', 'participant_registration.approve']);
    const combined = await allEvents(sys, admin.ticket, { actor: admin.userId, target: users[2].userId });
    expect(combined.map((e) => e.action)).toEqual(['user.unblock', 'user.block']);

    const middle = blocks[1].time;
    const older = await allEvents(sys, admin.ticket, { action: 'user.block', from: startedAt, to: middle });
    expect(older.map((e) => e.id)).toEqual([blocks[2].id]);
    const newer = await allEvents(sys, admin.ticket, { action: 'user.block', from: middle });
    expect(newer.map((e) => e.id)).toEqual([blocks[0].id, blocks[1].id]);
    expect((await allEvents(sys, admin.ticket, { from: '2001-01-01', to: '2001-01-02' }))).toEqual([]);
  });

  it('pages by cursor (limit ≤ 100): every event once, in order, the last page has no cursor', async () => {
    const all = await allEvents(sys, admin.ticket, { from: startedAt });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await auditGet(sys, admin.ticket, { from: startedAt, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.events.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.events.map((e) => e.id));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    expect(pages).toBe(Math.ceil(all.length / 3));
    const first = await auditGet(sys, admin.ticket, { from: startedAt });
    expect(first.body.events).toHaveLength(all.length);
    expect(first.body.next_cursor).toBeNull();
  });

  it('a bad filter is a 400 naming the field, never a 500', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ action: 'user.delete-everything' }, 'action'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2026-13-45' }, 'to'],
      [{ from: '2026-02-01', to: '2026-01-01' }, 'to'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 0 }, 'limit'],
      [{ limit: '10' }, 'limit'],
      [{ cursor: 'bm90IGEgY3Vyc29y' }, 'cursor'],
      [{ cursor: 'a b' }, 'cursor'],
      [{ actor: '' }, 'actor'],
      [{ target: 'x\ny' }, 'target'],
      [{ offset: 5 }, 'offset'],
    ];
    for (const [query, field] of cases) {
      const res = await auditGet(sys, admin.ticket, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(typeof res.body.error).toBe('string');
      expect({ query, fields: (res.body.details ?? []).map((d) => d.field) }).toEqual({ query, fields: expect.arrayContaining([field]) });
    }
  });

  it('the per-service list patterns answer identity only', async () => {
    const outsider = internalCaller(sys, 'rewards');
    try {
      for (const [service, pattern] of [['rewards', RewardsPattern.AuditList], ['participants-billing', BillingPattern.AuditList], ['certificates', CertificatesPattern.AuditList]] as const) {
        expect(await outsider.fail(service, pattern, { limit: 10 })).toMatchObject({ kind: 'forbidden' });
      }
    } finally {
      await outsider.close();
    }
  });

  it('every audit_events table refuses UPDATE, DELETE and TRUNCATE (append-only)', async () => {
    const db = new pg.Client({ connectionString: sys.databaseUrl });
    await db.connect();
    try {
      for (const schema of ['identity', 'rewards', 'participants_billing', 'certificates']) {
        for (const sql of [
          `UPDATE ${schema}.audit_events SET actor_user_id = 'someone else'`,
          `DELETE FROM ${schema}.audit_events`,
          `TRUNCATE ${schema}.audit_events`,
        ]) await expect(db.query(sql)).rejects.toThrow(/append-only/);
      }
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM identity.audit_events WHERE actor_user_id = $1`, [brand.userId]);
      expect(rows[0].n).toBe(1);
    } finally {
      await db.end();
    }
  });

  it('a service that is down is named in `incomplete` (200, the others still answer)', async () => {
    await sys.processes.certificates.stop();
    try {
      const res = await auditGet(sys, admin.ticket, { from: startedAt });
      expect(res.status).toBe(200);
      expect(res.body.incomplete).toEqual(['certificates']);
      expect(res.body.events.map((e) => e.service)).not.toContain('certificates');
      expect(res.body.events.length).toBe(9);
    } finally {
      await sys.restart('certificates');
    }
    // Callers cache "certificates has no live replica" for livenessCacheMs (500 ms): a restart faster than that is seen late.
    await eventually(async () => {
      const back = await auditGet(sys, admin.ticket, { from: startedAt });
      expect(back.body.incomplete).toEqual([]);
      expect(back.body.events.length).toBe(10);
    }, 3000);
  });
});
