import pg from 'pg';
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
await db.connect();
const USERS = 1_000_000;
const t0 = Date.now();
await db.query('ALTER TABLE rewards.scans SET UNLOGGED');
await db.query(`INSERT INTO rewards.users (user_id, timezone_min, registered_at)
    SELECT 'urn:authenticateit:user:email:m' || lpad(g::text, 7, '0') || '@bench.test', (ARRAY[-300, 0, 60, 180, 600])[1 + g % 5],
           now() - (g % 730) * interval '1 day'
    FROM generate_series(1, $1::int) g`, [USERS]);
await db.query(`INSERT INTO rewards.scans (id, user_id, code, event_ts, record)
    SELECT gen_random_uuid(), u.user_id, (4600000000000 + (random() * 300000)::int)::text,
           date_trunc('month', now()) - interval '1 month' + ((s % 25) * interval '1 day') + (random() * interval '20 hours'), '{}'
    FROM (SELECT user_id, (1 + (abs(hashtext(user_id)) % 40) * (abs(hashtext(user_id)) % 40) / 40) AS n
          FROM rewards.users WHERE abs(hashtext(user_id || 'a')) % 10 < 6) u
    CROSS JOIN LATERAL generate_series(1, u.n) s`);
await db.query('ALTER TABLE rewards.scans SET LOGGED');
await db.query(`INSERT INTO rewards.contributions (kind, ref, user_id, status, ts)
    SELECT 'review', 'r-' || u.user_id || '-' || s, u.user_id, 'accepted', date_trunc('month', now()) - interval '1 month' + s * interval '1 day'
    FROM (SELECT user_id FROM rewards.users WHERE abs(hashtext(user_id || 'r')) % 10 < 2) u CROSS JOIN generate_series(1, 3) s`);
await db.query(`INSERT INTO rewards.buddies (user_id, buddy_id, ts)
    SELECT u.user_id, 'buddy-' || s, now() FROM (SELECT user_id FROM rewards.users WHERE abs(hashtext(user_id || 'b')) % 10 < 1) u
    CROSS JOIN generate_series(1, 5) s`);
await db.query('VACUUM ANALYZE rewards.users; ANALYZE rewards.scans; ANALYZE rewards.contributions; ANALYZE rewards.buddies');
console.log((await db.query(`SELECT (SELECT count(*) FROM rewards.users)::int AS users, (SELECT count(*) FROM rewards.scans)::int AS scans`)).rows, (Date.now() - t0) / 1000);
await db.end();
