// GET /account answers kept per identity replica (AccountCache): two real replicas on one
// database and stream (requests go to whichever is free). A change by any writer (here SQL straight into the tables, as another
// replica, an event consumer or an operator would make it) shows on every replica once Postgres'
// notice is in; a user's own change shows at once on the replica that made it; while a replica's
// notice connection is down it serves nothing from its cache.
import { freePort } from '../support/processes.js';
import { eventually } from '../support/service-harness.js';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { emailUser, type SignedIn, unique } from './accounts-fixtures.js';
import { IdentityPattern } from '#libs/contracts';

type Account = Record<string, any>;
const replicas: { id: IdentityHarness; port: number }[] = [];
let user: SignedIn;

const read = (r: IdentityHarness): Promise<Account> => r.call<Account>(IdentityPattern.AccountGet, {}, user.session);
const hits = async (port: number): Promise<number> => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/identity_account_cache_reads_total\{result="hit"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
};
/** Reads until several reads in a row (spread over the replicas) show what `expected` says; answers how long that took. */
const seenEverywhere = async (expected: (a: Account) => void): Promise<number> => {
  const started = Date.now();
  await eventually(async () => { for (let i = 0; i < 6; i++) expected(await read(replicas[i % 2].id)); }, 3000);
  return Date.now() - started;
};

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const shared: Record<string, string> = replicas[0] ? { OUTBOX_DIR: replicas[0].id.outboxDir } : {};
    const id = await startIdentity({ HEALTH_PORT: String(port), ...shared });
    // The harness is ready once the stream answers, which the first replica already does.
    await eventually(async () => expect(id.logs()).toContain('listening on the transport'), 60_000);
    replicas.push({ id, port });
  }
  user = await emailUser(replicas[0].id, `cache.${unique()}@bar.com`, 'secret-12', { first_name: 'Kept' });
  await replicas[0].id.db.query(`INSERT INTO identity.account_summaries (user_id, coins, pending_coins, level_info, dashboard_info, version, valid_until)
    VALUES ($1, 5, 0, '{"level_type":"bronze"}', '{"type":"earned"}', 1, now() + interval '1 day')`, [user.userId]);
});
afterAll(async () => { for (const r of replicas) await r.id.stop(); });

describe('identity: GET /account answers kept per replica', () => {
  it('answers repeated reads from the cache on each replica', async () => {
    await seenEverywhere((a) => expect(a.coins).toBe('5'));
    const before = await Promise.all(replicas.map((r) => hits(r.port)));
    for (let i = 0; i < 20; i++) for (const r of replicas) expect(await read(r.id)).toMatchObject({ id: user.userId, first_name: 'Kept', coins: '5' });
    const after = await Promise.all(replicas.map((r) => hits(r.port)));
    expect(after[0] + after[1] - before[0] - before[1]).toBeGreaterThanOrEqual(36);
  });

  it('shows a change made by any writer on every replica once its notice is in', async () => {
    const db = replicas[0].id.db;
    await db.query(`UPDATE identity.users SET first_name = 'Changed' WHERE id = $1`, [user.userId]);
    const profileMs = await seenEverywhere((a) => expect(a.first_name).toBe('Changed'));
    await db.query('UPDATE identity.account_summaries SET coins = 7, version = 2 WHERE user_id = $1', [user.userId]);
    const coinsMs = await seenEverywhere((a) => expect(a.coins).toBe('7'));
    const participant = `urn:authenticateit:participant:${unique()}`;
    await db.query(`INSERT INTO identity.participants (id, summary, version) VALUES ($1, '{"name":"Shop"}', 1)`, [participant]);
    await db.query(`INSERT INTO identity.memberships (user_id, participant_id, roles) VALUES ($1, $2, '{admin}')`, [user.userId, participant]);
    await seenEverywhere((a) => expect(a.participants).toEqual([expect.objectContaining({ id: participant, name: 'Shop', roles: ['admin'] })]));
    await db.query(`UPDATE identity.participants SET summary = '{"name":"Shop renamed"}', version = 2 WHERE id = $1`, [participant]);
    const participantMs = await seenEverywhere((a) => expect(a.participants[0].name).toBe('Shop renamed'));
    console.info(`account cache staleness after a change elsewhere: profile ${profileMs} ms, coins ${coinsMs} ms, participant ${participantMs} ms`);
  });

  it("shows a user's own change at once on the replica that made it", async () => {
    await replicas.pop()!.id.stop(); // from here on one replica, so that the write and the read meet on it
    const [{ id: replica }] = replicas;
    for (let i = 0; i < 10; i++) {
      await read(replica);
      await replica.call(IdentityPattern.AccountUpdate, { body: { first_name: `Own${i}` } }, user.session);
      expect((await read(replica)).first_name).toBe(`Own${i}`);
    }
  });

  it('serves nothing from the cache while the notice connection is down, and caches again once it is back', async () => {
    const [{ id }] = replicas;
    await read(id);
    await id.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN identity_account_changed'`);
    await eventually(async () => expect(id.logs()).toContain('account cache off until the notice connection is back'));
    await id.db.query(`UPDATE identity.users SET first_name = 'WhileDown' WHERE id = $1`, [user.userId]);
    expect((await read(id)).first_name).toBe('WhileDown');
    await eventually(async () => {
      const listeners = await id.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN identity_account_changed'`);
      expect(listeners.rows[0].n).toBe(1);
    });
    const before = await hits(replicas[0].port);
    for (let i = 0; i < 3; i++) await read(id);
    expect(await hits(replicas[0].port)).toBeGreaterThan(before);
  });
});
