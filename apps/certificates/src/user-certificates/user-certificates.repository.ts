import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type UserCertificateView, type IssueUserCertificateDto } from '#libs/contracts';
import { CertificatesErrorCode, certificatesError } from '../common/certificates-errors.js';
import {
  ACTIVATION_FACTS_SELECT, type ActivationFacts, USER_CERTIFICATE_SELECT, type UserCertificateHead, type UserCertificateRow, VIEW_ARCHIVAL_AT, VIEW_DOCUMENT, VIEW_JOINS,
} from './user-certificate-row.js';
import { ARCHIVAL_NOW, LIST_FINGERPRINT } from './list-fingerprint.js';

const S = 'certificates';

/** Catalogue rows an issue inserted or changed. */
interface ChangedRows { stores: number[]; items: string[]; promoCodes: string[]; rounds: string[] }

@Injectable()
export class UserCertificatesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Newest first, straight off the (user_id, created_at DESC, id DESC) index. */
  listForUser(userId: string): Promise<UserCertificateRow[]> {
    return this.dataSource.query(`${USER_CERTIFICATE_SELECT} WHERE c.user_id = $1 ORDER BY c.created_at DESC, c.id DESC`, [userId]);
  }

  /** The same list without the documents: id, archival and the row version (xmin) of each. */
  listVersions(userId: string): Promise<UserCertificateHead[]> {
    return this.dataSource.query(
      `SELECT c.id, ${ARCHIVAL_NOW} AS archival, c.xmin::text AS version
       FROM ${S}.user_certificates c WHERE c.user_id = $1 ORDER BY c.created_at DESC, c.id DESC`, [userId]);
  }

  /** One value that changes whenever listVersions() would answer anything else (see list-fingerprint.ts). */
  async listFingerprint(userId: string): Promise<string> {
    const rows: { fingerprint: string }[] = await this.dataSource.query(
      `SELECT ${LIST_FINGERPRINT} AS fingerprint FROM ${S}.user_certificates c WHERE c.user_id = $1`, [userId]);
    return rows[0].fingerprint;
  }

  /** The documents of `ids` with their row versions. */
  documents(ids: string[]): Promise<{ id: string; version: string; doc: UserCertificateView }[]> {
    return this.dataSource.query(`SELECT c.id, c.xmin::text AS version, c.view AS doc FROM ${S}.user_certificates c WHERE c.id = ANY($1::uuid[])`, [ids]);
  }

  async get(id: string, m: EntityManager = this.dataSource.manager): Promise<UserCertificateRow | undefined> {
    const rows: UserCertificateRow[] = await m.query(`${USER_CERTIFICATE_SELECT} WHERE c.id = $1`, [id]);
    return rows[0];
  }

  async activationFacts(id: string): Promise<ActivationFacts | undefined> {
    const rows: ActivationFacts[] = await this.dataSource.query(`${ACTIVATION_FACTS_SELECT} WHERE c.id = $1`, [id]);
    return rows[0];
  }

  async findByIssueKey(issueKey: string, m: EntityManager = this.dataSource.manager): Promise<{ id: string; user_id: string } | undefined> {
    const rows: { id: string; user_id: string }[] = await m.query(
      `SELECT id, user_id FROM ${S}.user_certificates WHERE issue_key = $1`, [issueKey]);
    return rows[0];
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.query(`SELECT 1 FROM ${S}.user_certificates WHERE id = $1`, [id]).then((rows: unknown[]) => rows.length > 0);
  }

  /**
   * Upserts the catalogue rows the certificate points at (a row is written only when it differs),
   * refreshes the documents of the certificates that show a row that changed, then inserts the
   * certificate with its document unless its issue key exists. Returns the new id, or undefined
   * when the key was taken meanwhile.
   */
  async issue(m: EntityManager, dto: IssueUserCertificateDto): Promise<string | undefined> {
    const { item, promo_code: promo, round } = dto;
    const changed: ChangedRows = { stores: [], items: [], promoCodes: [], rounds: [] };
    if (await this.upsertStore(m, item.store)) changed.stores.push(item.store.id);
    if (await this.upsertItem(m, item)) changed.items.push(item.id);
    if (promo && await this.upsertPromoCode(m, promo)) changed.promoCodes.push(promo.id);
    if (round && await this.upsertRound(m, round)) changed.rounds.push(round.id);
    await this.refreshViewsShowing(m, changed);
    const inserted: { id: string }[] = await m.query(
      `WITH c AS (
         SELECT $1::uuid AS id, $2::text AS issue_key, $3::text AS user_id, $4::text AS item_id, $5::text AS promo_code_id,
                $6::text AS round_id, $7::text AS text, $8::jsonb AS attribute_values, false AS is_activated, NULL::timestamptz AS activated_at)
       INSERT INTO ${S}.user_certificates (id, issue_key, user_id, item_id, promo_code_id, round_id, text, attribute_values, view, archival_at)
       SELECT c.id, c.issue_key, c.user_id, c.item_id, c.promo_code_id, c.round_id, c.text, c.attribute_values, ${VIEW_DOCUMENT}, ${VIEW_ARCHIVAL_AT}
       FROM c ${VIEW_JOINS}
       ON CONFLICT (issue_key) DO NOTHING RETURNING id`,
      [randomUUID(), dto.issue_key, dto.user_id, item.id, promo?.id ?? null, round?.id ?? null, dto.text ?? null,
        JSON.stringify(dto.attribute_values ?? [])]);
    return inserted[0]?.id;
  }

  /** Each upsert answers true when it inserted or changed the row; an unchanged row is not written. */
  private async upsertStore(m: EntityManager, store: IssueUserCertificateDto['item']['store']): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO ${S}.stores AS t (id, participant_id, name, is_blogger, seller_type, logo_url) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, is_blogger = EXCLUDED.is_blogger,
         seller_type = EXCLUDED.seller_type, logo_url = EXCLUDED.logo_url, updated_at = now()
       WHERE t.participant_id = EXCLUDED.participant_id AND (t.name, t.is_blogger, t.seller_type, t.logo_url)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.is_blogger, EXCLUDED.seller_type, EXCLUDED.logo_url)
       RETURNING 1`,
      [store.id, store.participant_id, store.name, store.is_blogger ?? false, store.seller_type ?? null, store.logo_url ?? null]);
    if (rows.length > 0) return true;
    await this.refuseOtherOwner(m, `SELECT participant_id AS owner FROM ${S}.stores WHERE id = $1`, [store.id], store.participant_id, 'store');
    return false;
  }

  /** A store (and its items) belongs to one participant: another one naming it cannot take it over. */
  private async refuseOtherOwner(m: EntityManager, sql: string, params: unknown[], participantId: string, what: string): Promise<void> {
    const [row] = await m.query(sql, params) as { owner: string | null }[];
    if (row && row.owner !== participantId) {
      throw certificatesError(CertificatesErrorCode.CatalogueOwnedElsewhere, `This ${what} id belongs to another participant`);
    }
  }

  private async upsertItem(m: EntityManager, item: IssueUserCertificateDto['item']): Promise<boolean> {
    const formatPrice = item.format_price ?? (item.price === undefined || item.price === null ? null : item.price.toFixed(2));
    const rows: unknown[] = await m.query(
      `INSERT INTO ${S}.items AS t (id, store_id, name, platform_price, price, format_price, sku, start_time, end_time, duration,
         event_type, assets, participants_limit, location)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14::jsonb)
       ON CONFLICT (id) DO UPDATE SET store_id = EXCLUDED.store_id, name = EXCLUDED.name, platform_price = EXCLUDED.platform_price,
         price = EXCLUDED.price, format_price = EXCLUDED.format_price, sku = EXCLUDED.sku, start_time = EXCLUDED.start_time,
         end_time = EXCLUDED.end_time, duration = EXCLUDED.duration, event_type = EXCLUDED.event_type, assets = EXCLUDED.assets,
         participants_limit = EXCLUDED.participants_limit, location = EXCLUDED.location, updated_at = now()
       WHERE (SELECT participant_id FROM ${S}.stores WHERE id = t.store_id) = $15
         AND (t.store_id, t.name, t.platform_price, t.price, t.format_price, t.sku, t.start_time, t.end_time, t.duration, t.event_type,
              t.assets, t.participants_limit, t.location)
         IS DISTINCT FROM (EXCLUDED.store_id, EXCLUDED.name, EXCLUDED.platform_price, EXCLUDED.price, EXCLUDED.format_price, EXCLUDED.sku,
              EXCLUDED.start_time, EXCLUDED.end_time, EXCLUDED.duration, EXCLUDED.event_type, EXCLUDED.assets, EXCLUDED.participants_limit,
              EXCLUDED.location)
       RETURNING 1`,
      [item.id, item.store.id, item.name, item.platform_price ?? null, item.price ?? null, formatPrice, item.sku ?? null,
        item.start_time ?? null, item.end_time ?? null, item.duration ?? null, item.event_type ?? null,
        JSON.stringify(item.assets ?? []), item.participants_limit ?? null, item.location ? JSON.stringify(location(item.location)) : null,
        item.store.participant_id]);
    if (rows.length > 0) return true;
    await this.refuseOtherOwner(m, `SELECT s.participant_id AS owner FROM ${S}.items i JOIN ${S}.stores s ON s.id = i.store_id WHERE i.id = $1`,
      [item.id], item.store.participant_id, 'item');
    return false;
  }

  private async upsertPromoCode(m: EntityManager, promo: NonNullable<IssueUserCertificateDto['promo_code']>): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO ${S}.promo_codes AS t (id, promo_code, discount_percent, expired_at, is_for_winner) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET promo_code = EXCLUDED.promo_code, discount_percent = EXCLUDED.discount_percent,
         expired_at = EXCLUDED.expired_at, is_for_winner = EXCLUDED.is_for_winner, updated_at = now()
       WHERE (t.promo_code, t.discount_percent, t.expired_at, t.is_for_winner)
         IS DISTINCT FROM (EXCLUDED.promo_code, EXCLUDED.discount_percent, EXCLUDED.expired_at, EXCLUDED.is_for_winner)
       RETURNING 1`,
      [promo.id, promo.promo_code, promo.discount_percent ?? null, promo.expired_at ?? null, promo.is_for_winner ?? false]);
    return rows.length > 0;
  }

  private async upsertRound(m: EntityManager, round: NonNullable<IssueUserCertificateDto['round']>): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO ${S}.rounds AS t (id, uniq_id) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET uniq_id = EXCLUDED.uniq_id WHERE t.uniq_id IS DISTINCT FROM EXCLUDED.uniq_id
       RETURNING 1`,
      [round.id, round.uniq_id]);
    return rows.length > 0;
  }

  /**
   * Rebuilds the documents of the certificates that show one of the changed rows. Their rows are
   * locked first, in id order (two refreshes cannot deadlock), and the documents are built by the
   * next statement, whose snapshot sees what a concurrent activation committed meanwhile.
   */
  private async refreshViewsShowing(m: EntityManager, changed: ChangedRows): Promise<void> {
    if (changed.stores.length + changed.items.length + changed.promoCodes.length + changed.rounds.length === 0) return;
    const locked: { id: string }[] = await m.query(
      `SELECT c.id FROM ${S}.user_certificates c WHERE c.id IN (
         SELECT x.id FROM ${S}.items i JOIN ${S}.user_certificates x ON x.item_id = i.id WHERE i.store_id = ANY($1::int[])
         UNION ALL SELECT x.id FROM ${S}.user_certificates x WHERE x.item_id = ANY($2::text[])
         UNION ALL SELECT x.id FROM ${S}.user_certificates x WHERE x.promo_code_id = ANY($3::text[])
         UNION ALL SELECT x.id FROM ${S}.user_certificates x WHERE x.round_id = ANY($4::text[]))
       ORDER BY c.id FOR UPDATE`,
      [changed.stores, changed.items, changed.promoCodes, changed.rounds]);
    await this.rebuildViews(m, locked.map((r) => r.id));
  }

  /** Rebuilds the documents of `ids`: rows the caller has locked or has just written. */
  private async rebuildViews(m: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await m.query(
      `WITH v AS (SELECT c.id, ${VIEW_DOCUMENT} AS view, ${VIEW_ARCHIVAL_AT} AS archival_at
                  FROM ${S}.user_certificates c ${VIEW_JOINS} WHERE c.id = ANY($1::uuid[])),
       done AS (UPDATE ${S}.user_certificates t SET view = v.view, archival_at = v.archival_at FROM v WHERE t.id = v.id RETURNING 1)
       SELECT count(*) FROM done`,
      [ids]);
  }

  /** Sets the activation once, and the document with it; false when it was already set. */
  async activate(id: string, byUserId: string): Promise<boolean> {
    return this.transaction(async (m) => {
      // Wrapped in a SELECT: typeorm answers [rows, count] for a bare UPDATE.
      const rows: unknown[] = await m.query(
        `WITH done AS (UPDATE ${S}.user_certificates SET is_activated = true, activated_at = now(), activated_by = $2
          WHERE id = $1 AND NOT is_activated RETURNING id) SELECT id FROM done`, [id, byUserId]);
      if (rows.length === 0) return false;
      await this.rebuildViews(m, [id]);
      return true;
    });
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Stores of the participant go, with their items and the certificates issued for them. */
  async deleteForParticipant(participantId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${S}.stores WHERE participant_id = $1`, [participantId]);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${S}.user_certificates WHERE user_id = $1`, [userId]);
  }

  async moveToUser(fromUserId: string, toUserId: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${S}.user_certificates SET user_id = $2 WHERE user_id = $1`, [fromUserId, toUserId]);
  }
}

function location(l: { address?: string | null; country?: string | null; city?: string | null }) {
  return { address: l.address ?? null, country: l.country ?? null, city: l.city ?? null };
}
