import { Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { type Queryable, SqlRepository } from './sql-repository.js';

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

/** rewards.users: who rewards knows, with level and time zone. */
@Injectable()
export class UsersRepository extends SqlRepository {
  /** Rewards learns users from their first input; the row carries the level and time zone. A deleted user is unknown. */
  async ensure(m: Queryable, userId: string): Promise<void> {
    await m.query('INSERT INTO rewards.users (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [userId]);
    const rows = await m.query('SELECT deleted_at FROM rewards.users WHERE user_id = $1', [userId]) as { deleted_at: Date | null }[];
    if (rows[0]?.deleted_at) throw DomainError.notFound('Unknown user', 'rewards.unknown_user');
  }

  async find(m: Queryable | undefined, userId: string, lock = false): Promise<UserRow | undefined> {
    const rows = await this.q(m).query(`SELECT * FROM rewards.users WHERE user_id = $1${lock ? ' FOR UPDATE' : ''}`, [userId]) as UserRow[];
    return rows[0];
  }

  /** The live user (404 for an unknown or deleted one); `lock`: FOR UPDATE, in `m`'s transaction. */
  async require(m: Queryable | undefined, userId: string, lock = false): Promise<UserRow> {
    const user = await this.find(m, userId, lock);
    if (!user || user.deleted_at) throw DomainError.notFound('Unknown user', 'rewards.unknown_user');
    return user;
  }

  /** A buddy's names and photo as the inviter's service knows them (absent fields stay). */
  async updateProfile(m: Queryable, userId: string, firstName: string | null, lastName: string | null, photo: string | null): Promise<void> {
    await m.query('UPDATE rewards.users SET first_name = coalesce($2, first_name), last_name = coalesce($3, last_name), photo = coalesce($4, photo) WHERE user_id = $1',
      [userId, firstName, lastName, photo]);
  }
}

/** The level in force: a running boost wins over the earned level. */
export function effectiveLevel(user: UserRow, now = new Date()): string {
  return user.boost_level && user.boost_end && user.boost_end > now ? user.boost_level : user.level;
}
