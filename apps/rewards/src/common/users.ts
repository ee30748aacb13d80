import type { EntityManager } from 'typeorm';
import { DomainError } from '#libs/errors';

export interface UserRow {
  user_id: string;
  level: string;
  level_type: string;
  previous_level: string | null;
  level_changed_at: Date | null;
  level_period: string | null;
  boost_level: string | null;
  boost_base_level: string | null;
  boost_end: Date | null;
  timezone_min: number;
  registered_at: Date;
  last_scan_at: Date | null;
  last_scan_id: string | null;
  first_name: string | null;
  last_name: string | null;
  photo: string | null;
  scans_count?: number;
  deleted_at?: Date | null;
}

type Query = Pick<EntityManager, 'query'>;

/** Rewards learns users from their first input; the row carries the level and time zone. A deleted user is unknown. */
export async function ensureUser(m: Query, userId: string): Promise<void> {
  await m.query('INSERT INTO rewards.users (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [userId]);
  const rows = await m.query('SELECT deleted_at FROM rewards.users WHERE user_id = $1', [userId]) as { deleted_at: Date | null }[];
  if (rows[0]?.deleted_at) throw DomainError.notFound('Unknown user', 'rewards.unknown_user');
}

export async function findUser(m: Query, userId: string, lock = false): Promise<UserRow | undefined> {
  const rows = await m.query(`SELECT * FROM rewards.users WHERE user_id = $1${lock ? ' FOR UPDATE' : ''}`, [userId]) as UserRow[];
  return rows[0];
}

export async function requireUser(m: Query, userId: string, lock = false): Promise<UserRow> {
  const user = await findUser(m, userId, lock);
  if (!user || user.deleted_at) throw DomainError.notFound('Unknown user', 'rewards.unknown_user');
  return user;
}

/** The level in force: a running boost wins over the earned level. */
export function effectiveLevel(user: UserRow, now = new Date()): string {
  return user.boost_level && user.boost_end && user.boost_end > now ? user.boost_level : user.level;
}

export async function activeBan(m: Query, userId: string, now = new Date()): Promise<boolean> {
  const rows = await m.query('SELECT 1 FROM rewards.bans WHERE user_id = $1 AND unset_at IS NULL AND from_ts <= $2 AND to_ts > $2 LIMIT 1', [userId, now]) as unknown[];
  return rows.length > 0;
}
