import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from '../accounts/user.entity.js';
import { MembershipEntity } from './membership.entity.js';

export interface TeamRow { id: string; roles: string[]; ts: Date; email: string | null; first_name: string | null; last_name: string | null }

/** identity.memberships: a user's roles in a participant. */
@Injectable()
export class MembershipsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(MembershipEntity);
  }

  /** Most recently used first; never-used ones by age. */
  listForUser(userId: string): Promise<MembershipEntity[]> {
    return this.repo().createQueryBuilder('m')
      .where('m.user_id = :userId', { userId })
      .orderBy('m.last_access', 'DESC', 'NULLS LAST')
      .addOrderBy('m.created_at', 'ASC')
      .getMany();
  }

  find(userId: string, participantId: string): Promise<MembershipEntity | null> {
    return this.repo().findOneBy({ userId, participantId });
  }

  async touch(userId: string, participantId: string, at: Date): Promise<void> {
    await this.repo().update({ userId, participantId }, { lastAccess: at });
  }

  /** The membership locked FOR UPDATE until `m`'s transaction ends. */
  lock(m: EntityManager, userId: string, participantId: string): Promise<MembershipEntity | null> {
    return this.repo(m).createQueryBuilder('m').setLock('pessimistic_write')
      .where('m.user_id = :userId AND m.participant_id = :participantId', { userId, participantId }).getOne();
  }

  async insert(m: EntityManager, userId: string, participantId: string, roles: string[]): Promise<void> {
    await this.repo(m).insert({ userId, participantId, roles });
  }

  /** Nothing when the user is a member already. */
  async insertIfAbsent(userId: string, participantId: string, roles: string[], m?: EntityManager): Promise<void> {
    await (m ?? this.dataSource.manager).createQueryBuilder().insert().into(MembershipEntity)
      .values({ userId, participantId, roles }).orIgnore().execute();
  }

  async setRoles(m: EntityManager, userId: string, participantId: string, roles: string[]): Promise<void> {
    await this.repo(m).update({ userId, participantId }, { roles });
  }

  async delete(m: EntityManager, userId: string, participantId: string): Promise<void> {
    await this.repo(m).delete({ userId, participantId });
  }

  async memberIds(participantId: string): Promise<string[]> {
    const rows = await this.repo().find({ where: { participantId }, select: { userId: true } });
    return rows.map((r) => r.userId);
  }

  async deleteAllOfParticipant(m: EntityManager, participantId: string): Promise<void> {
    await this.repo(m).delete({ participantId });
  }

  /** The participant's members with their names, oldest membership first. */
  team(participantId: string): Promise<TeamRow[]> {
    return this.repo().createQueryBuilder('m')
      .innerJoin(UserEntity, 'u', 'u.id = m.user_id')
      .select(['m.user_id AS id', 'm.roles AS roles', 'm.created_at AS ts', 'u.email AS email', 'u.first_name AS first_name', 'u.last_name AS last_name'])
      .where('m.participant_id = :participantId', { participantId })
      .orderBy('m.created_at', 'ASC').getRawMany<TeamRow>();
  }

  /** A merge: the secondary's memberships join the primary's (roles united, latest access kept), then go. */
  async moveAll(m: EntityManager, fromUserId: string, toUserId: string): Promise<void> {
    await m.query(`
      INSERT INTO identity.memberships (user_id, participant_id, roles, last_access, created_at)
      SELECT $1, participant_id, roles, last_access, created_at FROM identity.memberships WHERE user_id = $2
      ON CONFLICT (user_id, participant_id) DO UPDATE SET
        roles = ARRAY(SELECT DISTINCT unnest(identity.memberships.roles || EXCLUDED.roles)),
        last_access = GREATEST(identity.memberships.last_access, EXCLUDED.last_access)`, [toUserId, fromUserId]);
    await this.repo(m).delete({ userId: fromUserId });
  }

  /** Raw rows for the users admin profile (its statement, unchanged), most recently used first. */
  rolesByParticipant(userId: string): Promise<{ participant_id: string; roles: string[] }[]> {
    return this.dataSource.query(
      `SELECT participant_id, roles FROM identity.memberships WHERE user_id = $1 ORDER BY last_access DESC NULLS LAST, created_at`, [userId]);
  }
}
