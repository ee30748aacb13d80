import { jest } from '@jest/globals';
import { IdentityPattern } from '#libs/contracts';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { signInAdmin, type SignedIn, unique } from './blocks-support.js';

jest.setTimeout(120_000);

let id: IdentityHarness;
let admin: SignedIn;
const tag = unique();

interface Page { count: number; data: { id: string }[] }
const page = (body: Record<string, unknown>) => id.call<Page>(IdentityPattern.UsersGet, { body }, admin.session);

/** What a page must hold: the users in sign-up order (uid breaks ties), straight from the table. */
async function expected(direction: 'asc' | 'desc', offset: number, limit: number): Promise<string[]> {
  const { rows } = await id.db.query(`SELECT user_id FROM identity.user_search ORDER BY created_at ${direction}, uid ${direction} LIMIT $1 OFFSET $2`, [limit, offset]);
  return rows.map((r: { user_id: string }) => r.user_id);
}

/** Counts of sign-up ranges (whole days from the per-day counts, the edges from the table) against the table. */
async function expectCreatedCountsRight(): Promise<void> {
  const bounds: { created_from?: string; created_to?: string }[] = [{ created_from: '2026-03-02T05-06-07Z' }, { created_to: '2026-03-20T00-00-00Z' },
    { created_from: '2026-03-03T23:59:59.500Z', created_to: '2026-03-04T00:00:00.250Z' }, { created_from: '2026-03-10T10-00-00Z', created_to: '2026-04-09T13-14-15Z' },
    { created_from: '2026-03-08T00-00-00Z', created_to: '2026-03-08T23-59-59Z' }, { created_from: '2026-03-09T00-00-00Z', created_to: '2026-03-08T00-00-00Z' }];
  const at = (v: string) => new Date(v.replace(/T(\d\d)-(\d\d)-(\d\d)Z$/, 'T$1:$2:$3Z'));
  for (const body of bounds) {
    const from = body.created_from ? at(body.created_from) : new Date('1000-01-01T00:00:00Z');
    const to = body.created_to ? at(body.created_to) : new Date('3000-01-01T00:00:00Z');
    const { count } = await page({ ...body, limit: 1 });
    expect({ body, count }).toEqual({ body, count: await id.count('SELECT count(*) FROM identity.user_search WHERE created_at BETWEEN $1 AND $2', [from, to]) });
  }
}

async function expectDeepPagesRight(): Promise<void> {
  await expectCreatedCountsRight();
  const total = await id.count('SELECT count(*) FROM identity.user_search');
  for (const order_type of ['desc', 'asc'] as const) {
    for (const offset of [5000, 5555, total - 30, total - 1, total, total + 10]) {
      const answer = await page({ order_by: 'created', order_type, offset, limit: 50 });
      expect({ order_type, offset, count: answer.count, ids: answer.data.map((u) => u.id) })
        .toEqual({ order_type, offset, count: total, ids: await expected(order_type, offset, 50) });
    }
  }
}

beforeAll(async () => {
  id = await startIdentity();
  admin = await signInAdmin(id);
  // 6,000 sign-ups over 40 days, many sharing a second (ties), one statement as a batch import would.
  await id.db.query(`
    INSERT INTO identity.users (id, reg_type, email, created_at, updated_at, activated_at)
    SELECT 'urn:authenticateit:user:email:' || $1 || '.' || i || '@example.com', 'email', $1 || '.' || i || '@example.com',
      timestamptz '2026-03-01T00:00:00Z' + make_interval(secs => (i * 7919) % (86400 * 40) / 3 * 3), now(), now()
    FROM generate_series(1, 6000) AS i`, [tag]);
});

afterAll(async () => {
  await id?.db.query(`DELETE FROM identity.users WHERE email LIKE $1`, [`${tag}.%`]);
  await id?.stop();
});

describe('users/get deep pages and counts by sign-up date (per-day counts)', () => {
  it('answers the same users as walking the whole order, both ways', async () => {
    await expectDeepPagesRight();
  });

  it('stays right after users leave and sign-up dates change', async () => {
    await id.db.query(`DELETE FROM identity.users WHERE email LIKE $1 AND created_at < timestamptz '2026-03-05T00:00:00Z'`, [`${tag}.%`]);
    await id.db.query(`UPDATE identity.users SET created_at = created_at + interval '9 days 7 hours' WHERE email LIKE $1 AND created_at > timestamptz '2026-04-01T00:00:00Z'`, [`${tag}.%`]);
    await expectDeepPagesRight();
  });
});
