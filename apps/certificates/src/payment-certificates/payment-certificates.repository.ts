import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PaymentCertificateView } from '#libs/contracts';
import type { CreateItem, UpdateItem } from './payment-certificate-input.js';

interface Row { id: string; code: string; is_active: boolean; value: number }

const T = 'certificates.payment_certificates';
const COLUMNS = 'id, code, is_active, value';

function view(row: Row): PaymentCertificateView {
  return { id: Number(row.id), code: row.code, is_active: row.is_active, value: row.value };
}

/** Set-based SQL: a bulk call is one statement per step whatever its size (arrays + unnest). */
@Injectable()
export class PaymentCertificatesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async list(participantId: string, limit: number | undefined, offset: number): Promise<PaymentCertificateView[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${T} WHERE participant_id = $1 ORDER BY id LIMIT $2 OFFSET $3`,
      [participantId, limit ?? null, offset]);
    return rows.map(view);
  }

  async get(participantId: string, id: number): Promise<PaymentCertificateView | undefined> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ${T} WHERE participant_id = $1 AND id = $2`, [participantId, id]);
    return rows[0] && view(rows[0]);
  }

  /** Codes of `codes` already used by the participant, except by the rows `exceptIds`. */
  async takenCodes(m: EntityManager, participantId: string, codes: string[], exceptIds: number[] = []): Promise<Set<string>> {
    const rows: { code: string }[] = await m.query(
      `SELECT code FROM ${T} WHERE participant_id = $1 AND code = ANY($2::text[]) AND NOT (id = ANY($3::bigint[]))`,
      [participantId, codes, exceptIds]);
    return new Set(rows.map((r) => r.code));
  }

  /** Which of `ids` are the participant's; locks them until the transaction ends. */
  async lockOwned(m: EntityManager, participantId: string, ids: number[]): Promise<Set<number>> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM ${T} WHERE participant_id = $1 AND id = ANY($2::bigint[]) FOR UPDATE`, [participantId, ids]);
    return new Set(rows.map((r) => Number(r.id)));
  }

  /** One multi-row INSERT; answers in the order of `items`. */
  async insertMany(m: EntityManager, participantId: string, items: CreateItem[]): Promise<PaymentCertificateView[]> {
    const rows: Row[] = await m.query(
      `INSERT INTO ${T} (participant_id, code, is_active, value)
       SELECT $1, u.code, u.is_active, u.value FROM unnest($2::text[], $3::boolean[], $4::integer[]) AS u(code, is_active, value)
       RETURNING ${COLUMNS}`,
      [participantId, items.map((i) => i.code), items.map((i) => i.is_active), items.map((i) => i.value)]);
    const byCode = new Map(rows.map((r) => [r.code, view(r)]));
    return items.map((i) => byCode.get(i.code)!);
  }

  /** One UPDATE for every item; absent is_active / value keep their stored value. */
  async updateMany(m: EntityManager, participantId: string, items: UpdateItem[]): Promise<PaymentCertificateView[]> {
    // Wrapped in a SELECT: typeorm answers [rows, count] for a bare UPDATE.
    const rows: Row[] = await m.query(
      `WITH updated AS (UPDATE ${T} AS p SET code = u.code, is_active = COALESCE(u.is_active, p.is_active),
              value = COALESCE(u.value, p.value), updated_at = now()
       FROM unnest($2::bigint[], $3::text[], $4::boolean[], $5::integer[]) AS u(id, code, is_active, value)
       WHERE p.id = u.id AND p.participant_id = $1
       RETURNING p.id, p.code, p.is_active, p.value) SELECT ${COLUMNS} FROM updated`,
      [participantId, items.map((i) => i.id), items.map((i) => i.code),
        items.map((i) => i.is_active ?? null), items.map((i) => i.value ?? null)]);
    const byId = new Map(rows.map((r) => [Number(r.id), view(r)]));
    return items.map((i) => byId.get(i.id)!);
  }

  async deleteForParticipant(participantId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${T} WHERE participant_id = $1`, [participantId]);
  }
}
