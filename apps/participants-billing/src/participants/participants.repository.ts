import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, EntityManager, In, Repository } from 'typeorm';
import { updatedRows } from '../common/sql.js';
import { CompanyPrefix } from './company-prefix.entity.js';
import { Participant } from './participant.entity.js';

const S = 'participants_billing';

/** Participants and their company prefixes (the prefix table is the participant's, unique across all). */
@Injectable()
export class ParticipantsRepository {
  private readonly participants: Repository<Participant>;
  private readonly prefixes: Repository<CompanyPrefix>;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.participants = dataSource.getRepository(Participant);
    this.prefixes = dataSource.getRepository(CompanyPrefix);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findActive(id: string): Promise<Participant | null> {
    return this.participants.findOne({ where: { id, status: 'active' } });
  }

  findActiveByIds(ids: string[]): Promise<Participant[]> {
    return this.participants.find({ where: { id: In(ids), status: 'active' } });
  }

  isActive(id: string, m: EntityManager = this.dataSource.manager): Promise<boolean> {
    return m.exists(Participant, { where: { id, status: 'active' } });
  }

  /** The row FOR UPDATE (any status unless `activeOnly`). */
  lock(m: EntityManager, id: string, { activeOnly }: { activeOnly: boolean }): Promise<Participant | null> {
    const qb = m.getRepository(Participant).createQueryBuilder('p');
    return (activeOnly
      ? qb.where('p.id = :id AND p.status = :active', { id, active: 'active' })
      : qb.where('p.id = :participantId', { participantId: id })
    ).setLock('pessimistic_write').getOne();
  }

  async update(m: EntityManager, id: string, patch: Partial<Participant>): Promise<void> {
    await m.update(Participant, { id }, patch);
  }

  /** Sets and clears contact fields in one statement; the contacts now stored, undefined for no active participant. */
  async setContacts(id: string, set: Record<string, unknown>, cleared: string[]): Promise<Record<string, string> | undefined> {
    const rows = await this.dataSource.query(`
      UPDATE ${S}.participants SET contacts = (contacts || $2::jsonb) - $3::text[]
      WHERE id = $1 AND status = 'active' RETURNING contacts`, [id, JSON.stringify(set), cleared]);
    return updatedRows<{ contacts: Record<string, string> }>(rows)[0]?.contacts;
  }

  async nextNumber(m: EntityManager): Promise<string> {
    const [row] = await m.query(`SELECT nextval('participants_billing.participant_number_seq')::text AS n`);
    return row.n as string;
  }

  async insert(m: EntityManager, fields: DeepPartial<Participant>): Promise<Participant> {
    const participant = m.create(Participant, fields);
    await m.insert(Participant, participant);
    return participant;
  }

  /** Prefixes of each participant, in prefix order. */
  prefixesOf(ids: string[]): Promise<CompanyPrefix[]> {
    return this.prefixes.find({ where: { participantId: In(ids) }, order: { prefix: 'ASC' } });
  }

  isPrefixTaken(prefix: string): Promise<boolean> {
    return this.prefixes.exists({ where: { prefix } });
  }

  async takenPrefixes(m: EntityManager, prefixes: string[]): Promise<string[]> {
    return (await m.find(CompanyPrefix, { where: { prefix: In(prefixes) } })).map((t) => t.prefix);
  }

  /** Throws the unique violation (23505) when another participant took one meanwhile. */
  async insertPrefixes(m: EntityManager, participantId: string, prefixes: string[]): Promise<void> {
    await m.insert(CompanyPrefix, prefixes.map((prefix) => ({ prefix, participantId })));
  }

  async deletePrefixes(m: EntityManager, participantId: string): Promise<void> {
    await m.delete(CompanyPrefix, { participantId });
  }

  /** Serialises the seed of replicas starting together (until the transaction ends). */
  async lockSeed(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('participants_billing.seed'))`);
  }

  /** Any status. */
  exists(m: EntityManager, id: string): Promise<boolean> {
    return m.exists(Participant, { where: { id } });
  }
}
