import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { BillingPattern, type CustomerOwnerDto, type StripeCustomerView, type UserRecord, isoSeconds } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { BILLING_CLIENT } from '../memberships/participant-directory.js';
import { DomainError } from '#libs/errors';
import { CONSUMER_ROLES } from '../memberships/roles.js';
import { NotificationSettingsReader } from '../blocks/notification-settings.reader.js';
import { MembershipsRepository } from '../memberships/memberships.repository.js';
import { MergedAccountsRepository } from '../merge/merged-accounts.repository.js';
import { PendingParticipantsRepository } from '../pending-participants/pending-participants.repository.js';
import { listQueries, type Statement } from './users-query.js';
import { FrequentTrigrams } from './frequent-trigrams.js';
import { UserSearchRepository } from './user-search.repository.js';
import { COIN_STATS, COMPUTED_STATS, DAILY_STATS, DEVICE_NAMES, FLOAT_STATS, INT_STATS, LINKED_FLAGS } from './user-stat-columns.js';

export interface UsersPage { count: number; data: Record<string, unknown>[] }

/** With a date_and_quantity filter and more matches than this, the page walks the sort and tests each user. */
const ROWWISE_FROM = 2000;

/** `POST /users/get`: one profile by id, or a filtered, sorted page with the exact count. */
@Injectable()
export class UsersAdminService {
  private readonly logger = new Logger(UsersAdminService.name);

  constructor(
    private readonly search: UserSearchRepository,
    private readonly memberships: MembershipsRepository,
    private readonly merges: MergedAccountsRepository,
    private readonly pending: PendingParticipantsRepository,
    private readonly settings: NotificationSettingsReader,
    @Inject(BILLING_CLIENT) private readonly billing: RedisStreamsClient,
    private readonly trigrams: FrequentTrigrams,
  ) {}

  async list(body: Record<string, unknown>): Promise<UsersPage> {
    const terms = await this.search.resolveTerms(body);
    const { order, count, page, rowwisePage } = listQueries(body, terms, this.trigrams.current());
    const rowsOf = (statement: Statement): Promise<Record<string, unknown>[]> => this.search.rows(statement, order);
    let total: number;
    let rows: Record<string, unknown>[];
    if (rowwisePage) {
      // The count decides how the page is found: few matches are sorted, many are met walking the sort.
      total = await this.search.count(count);
      rows = total === 0 ? [] : await rowsOf(total > ROWWISE_FROM ? rowwisePage : page);
    } else {
      // The count and the page (with its rows, one statement) on two connections at once.
      [total, rows] = await Promise.all([this.search.count(count), rowsOf(page)]);
    }
    return { count: total, data: rows.map(listRow) };
  }

  /** Every key of the doc's profile example (null where we hold no value), and the admin's extras. */
  /** `card: false` leaves out the hop to billing for the stored card (stripe_customer null). */
  async profile(id: string, { card = true } = {}): Promise<Record<string, unknown>> {
    const row = await this.search.profileRow(id);
    if (!row) throw DomainError.notFound('User not found', 'identity.user.not_found');
    const memberships = await this.memberships.rolesByParticipant(id);
    const { settings } = await this.settings.read(id);
    const timezoneMin = row.timezone_min as number | null;
    return {
      ...pick(row, ['address1', 'address2', 'birthdate', 'city']),
      age: null,
      buddies_chunk: null,
      coins: String(row.total_balance),
      ...pick(row, ['country']),
      created: isoSeconds(row.created_at as Date),
      ...pick(row, ['email', 'first_name', 'gender']),
      id,
      ...pick(row, ['language']),
      languages: null,
      last_access: row.last_access ? isoSeconds(row.last_access as Date) : null,
      ...pick(row, ['last_name', 'level']),
      pending_coins: String(row.total_uncollected_coins),
      pending_points: null,
      ...pick(row, ['phone']),
      phone_verified: row.phone_verified === true,
      ...pick(row, ['photo']),
      points: null,
      ...pick(row, ['post_code']),
      roles: memberships[0]?.roles ?? [...CONSUMER_ROLES],
      service: row.service,
      settings,
      stripe_customer: card ? await this.stripeCustomer(id) : null,
      timeline: null,
      timezone: timezoneMin === null ? null : timezoneMin / 60,
      // Beyond the doc's example: what the admin list shows of the same user.
      ...pick(row, ['job_title', 'reg_type']),
      timezone_min: timezoneMin,
      participants: memberships.map((m) => ({ id: m.participant_id, roles: m.roles })),
      permanent_ban_status: row.blocked ? 'active' : 'inactive',
      merge_into: row.merge_into ?? null,
    };
  }

  /** The user's stored card from billing (the profile still answers, with null, when billing does not). */
  private async stripeCustomer(userId: string): Promise<StripeCustomerView | null> {
    try {
      return await firstValueFrom(this.billing.send<StripeCustomerView | null>(
        BillingPattern.CustomerGet, new StreamRecord<CustomerOwnerDto>({ userId }, {}, { timeoutMs: 1500 })), { defaultValue: null });
    } catch (error) {
      this.logger.warn(`stripe customer of ${userId} unavailable (${(error as { kind?: string }).kind ?? (error as Error).message})`);
      return null;
    }
  }

  /**
   * Users as GET /user/transactions/hashes/:hash lists them (rewards adds coins and level): the
   * documents' user records, `merge` with the accounts merged into each, `password` always null.
   */
  async records(ids: string[]): Promise<UserRecord[]> {
    const found = await this.search.existing(ids);
    const [merges, pending] = await Promise.all([this.merges.secondariesOf(ids), this.pending.openDetailsOf(ids)]);
    const records: UserRecord[] = [];
    for (const id of found) {
      const p = await this.profile(id, { card: false });
      const merged = merges.filter((m) => m.primary_user_id === id).map((m) => m.secondary_user_id);
      records.push({
        ...pick(p, ['address1', 'address2', 'birthdate', 'buddies_chunk', 'city', 'coins', 'country', 'created', 'email', 'first_name', 'gender']),
        id,
        ...pick(p, ['job_title', 'language', 'last_name', 'level']),
        merge: merged.length > 0 ? { users: merged } : null,
        password: null,
        ...pick(p, ['pending_coins']),
        pending_participant: pending.find((x) => x.user_id === id)?.details ?? null,
        ...pick(p, ['phone', 'phone_verified', 'photo', 'points', 'post_code', 'roles', 'service', 'settings', 'timezone_min']),
        type: 'user',
      });
    }
    return records;
  }
}

function listRow(r: Record<string, unknown>): Record<string, unknown> {
  const lastAccess = r.last_access as Date | null;
  const linked = r.linked as number;
  const devices = r.devices as number;
  return {
    id: r.user_id,
    ...pick(r, ['reg_type', 'email', 'phone', 'first_name', 'last_name', 'language', 'country', 'city', 'gender', 'birthdate', 'timezone_min', 'level', 'contributor_status']),
    created: isoSeconds(r.created_at as Date),
    last_access: lastAccess ? isoSeconds(lastAccess) : null,
    total_days_from_last_access: lastAccess ? Math.floor((Date.now() - lastAccess.getTime()) / 86_400_000) : null,
    permanent_ban_status: r.blocked ? 'active' : 'inactive',
    rewards_ban_status: r.rewards_ban_active ? 'active' : 'inactive',
    rewards_ban_from: r.rewards_ban_from ? isoSeconds(r.rewards_ban_from as Date) : null,
    rewards_ban_to: r.rewards_ban_to ? isoSeconds(r.rewards_ban_to as Date) : null,
    device: DEVICE_NAMES.filter(([bit]) => (devices & bit) !== 0).map(([, name]) => name),
    ...Object.fromEntries([...LINKED_FLAGS].map(([flag, { bit }]) => [flag, (linked & bit) !== 0 ? 1 : 0])),
    ...Object.fromEntries([...INT_STATS, ...DAILY_STATS, ...FLOAT_STATS, ...COMPUTED_STATS.keys()].map((c) => [c, Number(r[c])])),
    ...Object.fromEntries(COIN_STATS.map((c) => [c, String(r[c])])),
    merge_into: r.merge_into ?? null,
    merge_started_at: r.merge_started_at ? isoSeconds(r.merge_started_at as Date) : null,
    merge_ended_at: r.merge_ended_at ? isoSeconds(r.merge_ended_at as Date) : null,
  };
}

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}
