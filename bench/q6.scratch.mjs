import pg from 'pg';
import { finished } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
const c = new pg.Client({ connectionString: 'postgres://postgres:postgres@127.0.0.1:43685/bench' });
await c.connect();
const { treeCpuMs } = await import('./lib/cpu.mjs');
const pid = (await c.query('SELECT pg_backend_pid() AS p')).rows[0].p;
const variants = {
  all3c: `CREATE TABLE x_all3c (id bigint PRIMARY KEY, participant_id text COLLATE "C" NOT NULL, code text COLLATE "C" NOT NULL, is_active boolean NOT NULL DEFAULT true, value integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE (participant_id, code) DEFERRABLE INITIALLY IMMEDIATE); CREATE INDEX ON x_all3c (participant_id, id)`,
  pk_uqc: `CREATE TABLE x_pk_uqc (id bigint PRIMARY KEY, participant_id text COLLATE "C" NOT NULL, code text COLLATE "C" NOT NULL, is_active boolean NOT NULL DEFAULT true, value integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE (participant_id, code) DEFERRABLE INITIALLY IMMEDIATE)`,
  noidx: `CREATE TABLE x_noidx (id bigint, participant_id text NOT NULL, code text NOT NULL, is_active boolean NOT NULL DEFAULT true, value integer NOT NULL DEFAULT 0 CHECK (value >= 0), created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())`,
  pk: `CREATE TABLE x_pk (id bigint PRIMARY KEY, participant_id text NOT NULL, code text NOT NULL, is_active boolean NOT NULL DEFAULT true, value integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())`,
  pk_uq: `CREATE TABLE x_pk_uq (id bigint PRIMARY KEY, participant_id text NOT NULL, code text NOT NULL, is_active boolean NOT NULL DEFAULT true, value integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE (participant_id, code))`,
  pk_uqdef: `CREATE TABLE x_pk_uqdef (id bigint PRIMARY KEY, participant_id text NOT NULL, code text NOT NULL, is_active boolean NOT NULL DEFAULT true, value integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE (participant_id, code) DEFERRABLE INITIALLY IMMEDIATE)`,
  all3: `CREATE TABLE x_all3 (id bigint PRIMARY KEY, participant_id text NOT NULL, code text NOT NULL, is_active boolean NOT NULL DEFAULT true, value integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE (participant_id, code) DEFERRABLE INITIALLY IMMEDIATE); CREATE INDEX ON x_all3 (participant_id, id)`,
};
for (const [name, ddl] of Object.entries(variants)) { await c.query(`DROP TABLE IF EXISTS x_${name}`); await c.query(ddl); }
const res = {};
let id = 1;
for (let k = 0; k < 6; k++) {
  for (const name of Object.keys(variants)) {
    const text = Array.from({ length: 10_000 }, (_, i) => `${id++}\turn:authenticateit:participant:11\tB-${k}-${name}-${i}-abcdef\t${i % 3 ? 't' : 'f'}\t${i}\n`).join('');
    const b = treeCpuMs(pid);
    const s = c.query(copyStreams.from(`COPY x_${name} (id, participant_id, code, is_active, value) FROM STDIN`)); s.end(text); await finished(s);
    (res[name] ??= []).push(treeCpuMs(pid) - b);
  }
}
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(9), 'pg cpu ms mean', (v.reduce((a, b) => a + b, 0) / v.length).toFixed(1));
for (const name of Object.keys(variants)) await c.query(`DROP TABLE x_${name}`);
await c.end();
