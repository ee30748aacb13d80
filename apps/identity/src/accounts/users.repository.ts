import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from './user.entity.js';

/** Profile columns an OAuth sign-in creates a user with. */
export interface OAuthUserRow {
  id: string; regType: string; email: string | null; firstName: string | null; lastName: string | null; gender: string | null;
  birthdate: string | null; photo: string | null; country: string | null; language: string | null;
}

/** identity.users: the user aggregate (profile, login, password hash, block). */
@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findById(id: string, m?: EntityManager): Promise<UserEntity | null> {
    return this.repo(m).findOneBy({ id });
  }

  findByIdOrFail(id: string, m?: EntityManager): Promise<UserEntity> {
    return this.repo(m).findOneByOrFail({ id });
  }

  /** The account registered with this (normalised) email. */
  findByEmailLogin(email: string): Promise<UserEntity | null> {
    return this.repo().findOneBy({ email, regType: 'email' });
  }

  /** The account registered with this phone. */
  findByPhoneLogin(phone: string): Promise<UserEntity | null> {
    return this.repo().findOneBy({ phone, regType: 'phone' });
  }

  /** An unsaved entity (no statement). */
  build(values: Partial<UserEntity>): UserEntity {
    return this.repo().create(values);
  }

  /** Fails with the unique violation when the id (or a login) exists. */
  async insert(user: UserEntity, m?: EntityManager): Promise<void> {
    await this.repo(m).insert(user);
  }

  existsById(id: string): Promise<boolean> {
    return this.repo().existsBy({ id });
  }

  /** A bare `SELECT 1` (cheaper than loading the entity) for event handlers that only need to know. */
  async isKnown(id: string): Promise<boolean> {
    const [known] = await this.dataSource.query('SELECT 1 FROM identity.users WHERE id = $1', [id]);
    return Boolean(known);
  }

  /** The row locked FOR UPDATE until `m`'s transaction ends. */
  lockById(m: EntityManager, id: string): Promise<UserEntity | null> {
    return this.repo(m).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
  }

  /** Rows locked in id order: two transactions locking the same pair cannot deadlock. */
  lockInIdOrder(m: EntityManager, ids: string[]): Promise<UserEntity[]> {
    return this.repo(m).createQueryBuilder('u').setLock('pessimistic_write')
      .where('u.id IN (:...ids)', { ids }).orderBy('u.id').getMany();
  }

  async setBlockedAt(m: EntityManager, id: string, at: Date | null): Promise<void> {
    if (at) await m.query('UPDATE identity.users SET blocked_at = $2 WHERE id = $1', [id, at]);
    else await m.query('UPDATE identity.users SET blocked_at = NULL WHERE id = $1', [id]);
  }

  async update(id: string, patch: Partial<UserEntity>, m?: EntityManager): Promise<void> {
    await this.repo(m).update({ id }, patch);
  }

  /** Number of rows deleted (0 or 1); memberships, devices and settings go with it (foreign keys). */
  async deleteById(id: string): Promise<number> {
    return (await this.repo().delete({ id })).affected ?? 0;
  }

  /** Only if the hash is still `oldHash` (the password was not changed meanwhile). */
  async replacePasswordHash(id: string, oldHash: string, fresh: string): Promise<void> {
    await this.dataSource.createQueryBuilder().update(UserEntity).set({ passwordHash: fresh })
      .where('id = :id AND password_hash = :old', { id, old: oldHash }).execute();
  }

  /** Nothing when the id exists already. */
  async insertIfAbsent(values: Partial<UserEntity>): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(UserEntity).values(values).orIgnore().execute();
  }

  /** An activated OAuth user; false when the id existed already (nothing changed then). */
  async insertOAuthUser(u: OAuthUserRow): Promise<boolean> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO identity.users (id, reg_type, email, first_name, last_name, gender, birthdate, photo, country, language, activated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now()) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [u.id, u.regType, u.email, u.firstName, u.lastName, u.gender, u.birthdate, u.photo, u.country, u.language],
    );
    return inserted.length > 0;
  }
}
