import { Inject, Injectable } from '@nestjs/common';
import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '#libs/errors';
import { FeeSetting } from '../deposit/fee-setting.entity.js';
import { feeView } from '../deposit/deposit-views.js';
import { requirePlan } from '../plans-payments/plans.js';
import { Participant } from './participant.entity.js';
import { isRealDate, type ListParticipantsDto, type OrderByField } from '#libs/contracts';

const ORDER_COLUMNS: Record<OrderByField, string> = {
  id: 'p.number', name: 'lower(p.name)', billing_plan: 'p.billing_plan', billing_country: 'p.country',
  billing_paid_from: 'p.paid_from', billing_paid_to: 'p.paid_to', billing_trial_to: 'p.trial_to',
};
const DEFAULT_LIMIT = 100;

interface Row {
  id: string; name: string; plan: string; country: string | null; paid_from: string | null; paid_to: string | null;
  trial_to: string | null; fee_type: FeeSetting['type'] | null; fee_percent: number | null; fee_coins: string | null;
  fee_source: FeeSetting['source']; fee_status: FeeSetting['status']; fee_updated_at: Date;
}

const asList = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/** POST /participants: filters, order, paging, count; SQL only through QueryBuilder parameters. */
@Injectable()
export class ParticipantListRepository {
  private readonly participants: Repository<Participant>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.participants = dataSource.getRepository(Participant);
  }

  async list(dto: ListParticipantsDto) {
    const qb = this.participants.createQueryBuilder('p').where('p.status = :active', { active: 'active' });
    this.applyFilters(qb, dto);
    const count = await qb.getCount();
    const direction = dto.order_type?.toLowerCase() === 'desc' ? 'DESC' : 'ASC';
    const rows = await qb
      .leftJoin(FeeSetting, 'f', 'f.participant_id = p.id')
      .select('p.id', 'id')
      .addSelect('p.name', 'name')
      .addSelect('p.billing_plan', 'plan')
      .addSelect('p.country', 'country')
      .addSelect(`to_char(p.paid_from, 'YYYY-MM-DD')`, 'paid_from')
      .addSelect(`to_char(p.paid_to, 'YYYY-MM-DD')`, 'paid_to')
      .addSelect(`to_char(p.trial_to AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`, 'trial_to')
      .addSelect('f.type', 'fee_type')
      .addSelect('f.percent_hundredths', 'fee_percent')
      .addSelect('f.coins::text', 'fee_coins')
      .addSelect('f.source', 'fee_source')
      .addSelect('f.status', 'fee_status')
      .addSelect('f.updated_at', 'fee_updated_at')
      .orderBy(ORDER_COLUMNS[dto.order_by ?? 'id'], direction, direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST')
      .addOrderBy('p.number', direction)
      .offset(dto.offset ?? 0)
      .limit(dto.limit ?? DEFAULT_LIMIT)
      .getRawMany<Row>();
    return { count, data: rows.map(toItem) };
  }

  private applyFilters(qb: SelectQueryBuilder<Participant>, dto: ListParticipantsDto): void {
    if (dto.id !== undefined) qb.andWhere('p.id = :id', { id: dto.id });
    if (dto.name !== undefined) {
      qb.andWhere(`lower(p.name) LIKE :name ESCAPE '\\'`, { name: `%${escapeLike(dto.name.toLowerCase())}%` });
    }
    if (dto.billing_plan !== undefined) {
      const plans = asList(dto.billing_plan).map((p) => requirePlan(p, 'billing_plan'));
      qb.andWhere('p.billing_plan IN (:...plans)', { plans });
    }
    const countries = dto.billing_country ?? dto.country;
    if (countries !== undefined) {
      const list = asList(countries);
      if (list.length === 0) throw DomainError.invalid('billing_country must not be empty');
      qb.andWhere('p.country IN (:...countries)', { countries: list });
    }
    range(qb, 'p.paid_from', 'paidFrom', dto.billing_paid_from_filter_from, dto.billing_paid_from_filter_to, 'date');
    range(qb, 'p.paid_to', 'paidTo', dto.billing_paid_to_filter_from, dto.billing_paid_to_filter_to, 'date');
    range(qb, 'p.trial_to', 'trialTo', dto.billing_trial_to_filter_from, dto.billing_trial_to_filter_to, 'timestamptz');
  }
}

/** Inclusive range; a date-only bound of a datetime column covers that whole day (UTC). */
function range(qb: SelectQueryBuilder<Participant>, column: string, name: string, from: string | undefined,
  to: string | undefined, type: 'date' | 'timestamptz'): void {
  for (const [value, label] of [[from, 'from'], [to, 'to']] as const) {
    if (value !== undefined && !isRealDate(value)) {
      throw DomainError.invalid('Invalid request', [{ field: `${name}_${label}`, errors: ['is not a valid date'] }]);
    }
  }
  if (from !== undefined) qb.andWhere(`${column} >= CAST(:${name}From AS ${type})`, { [`${name}From`]: utc(from, type) });
  if (to === undefined) return;
  if (type === 'timestamptz' && to.length === 10) {
    qb.andWhere(`${column} < CAST(:${name}To AS timestamptz) + interval '1 day'`, { [`${name}To`]: utc(to, type) });
  } else {
    qb.andWhere(`${column} <= CAST(:${name}To AS ${type})`, { [`${name}To`]: utc(to, type) });
  }
}

/** A datetime without a zone is read as UTC. */
function utc(value: string, type: 'date' | 'timestamptz'): string {
  if (type === 'date' || /(Z|[+-]\d{2}:?\d{2})$/.test(value)) return value;
  return value.length === 10 ? `${value}T00:00:00Z` : `${value}Z`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toItem(r: Row) {
  const fee = r.fee_type === null ? null : feeView({
    participantId: r.id, type: r.fee_type, percentHundredths: r.fee_percent, coins: r.fee_coins,
    source: r.fee_source, status: r.fee_status, updatedAt: new Date(r.fee_updated_at),
  });
  return {
    billing_country: r.country, billing_paid_from: r.paid_from, billing_paid_to: r.paid_to, billing_plan: r.plan,
    billing_trial_to: r.trial_to, id: r.id, name: r.name, fee,
  };
}
