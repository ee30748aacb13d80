import { randomUUID } from 'node:crypto';
import { type InputResult, type ScanInputDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import type { Campaign, ScanIntervalRule } from '../common/rules-catalog.service.js';
import type { LevelDefinition } from '../levels/level-types.js';
import { scanDigest, keyReused, otherBody } from './body-digest.js';
import type { ScansRepository } from './scans.repository.js';
import { isoSeconds } from '#libs/contracts';

export const SYSTEM_CAMPAIGN = 'urn:authenticateit:campaign:1';

/** What the scan wrote, for the statistics event. */
export interface ScanStats { total_scans: number; total_balance: string; total_uncollected_coins: string }

export interface ScanCatalog { levels: LevelDefinition[]; campaigns: Map<string, Campaign>; scanInterval: ScanIntervalRule | undefined }

/** Ingests one scan (see SCAN_STATEMENT in scans.repository.ts); a redelivered key answers the first result with duplicate: true. */
export async function ingestScan(scans: ScansRepository, catalog: ScanCatalog, dto: ScanInputDto): Promise<{ result: InputResult; stats?: ScanStats }> {
  const { levels, campaigns, scanInterval } = catalog;
  const scanId = dto.scan_id ?? randomUUID();
  const ts = dto.event_ts ? new Date(dto.event_ts) : new Date();
  const chosen = [...new Set([SYSTEM_CAMPAIGN, ...(dto.campaigns ?? [])])].map((id) => campaigns.get(id)).filter((c): c is Campaign => !!c);
  const record = scanRecord(dto, scanId, ts);
  const digest = scanDigest(dto);
  const timeline = {
    image_url: dto.image_url ?? null, product_name: dto.product_name ?? null, scan_id: scanId, text: dto.product_name ?? dto.code, ts: isoSeconds(ts), type: 'scan',
  };
  let row: Awaited<ReturnType<ScansRepository['ingestOne']>>;
  try {
    row = await scans.ingestOne([
      dto.idempotency_key, dto.user_id, scanId, dto.code, record.product_id, dto.product_name ?? null, dto.image_url ?? null, ts,
      JSON.stringify(record), JSON.stringify(timeline), randomUUID(),
      scanInterval?.min_interval_ms ?? 0, scanInterval?.reason ?? '', scanInterval?.ban_seconds ?? 0,
      levels.map((l) => l.type), levels.map((l) => l.earnings.find((e) => e.type === 'scanning_products')?.coins ?? '0'), levels.map((l) => l.coin_rate),
      chosen.map(() => randomUUID()), chosen.map((c) => c.id), chosen.map((c) => c.coin_rate), digest,
    ]);
  } catch (error) {
    if ((error as { code?: string }).code === 'P0404') throw DomainError.notFound('Unknown user', 'rewards.unknown_user');
    throw error;
  }
  if (!row) return { result: await previousResult(scans, dto.idempotency_key, digest) };
  return {
    result: { scan_id: scanId, banned: row.banned, claims: row.claims, duplicate: false },
    stats: { total_scans: row.scans_count, total_balance: row.coins, total_uncollected_coins: row.pending_coins },
  };
}

/** The first answer, rebuilt from what the scan wrote. */
async function previousResult(scans: ScansRepository, key: string, digest: Buffer): Promise<InputResult> {
  const rows = await scans.firstAnswer(key);
  if (otherBody(rows[0]?.body_digest, digest)) throw keyReused();
  if (!rows[0]?.scan_id) return { duplicate: true };
  return { scan_id: rows[0].scan_id, banned: rows[0].claims.length === 0, claims: rows[0].claims, duplicate: true };
}

/** Forwarded headers that carry credentials: never stored with a scan. */
const SECRET_HEADER = /ticket|authorization|cookie|api[-_]?key|password|secret|token/i;

/** The stored scan record: the doc's scan fields plus the request headers as sent, credentials left out. */
export function scanRecord(dto: ScanInputDto, scanId: string, ts: Date): Record<string, unknown> & { product_id: string } {
  const location = Object.fromEntries(
    (['accuracy', 'city', 'country', 'language', 'latitude', 'longitude'] as const).filter((k) => dto[k] !== undefined).map((k) => [k, dto[k]]),
  );
  return {
    ...Object.fromEntries(Object.entries(dto.headers ?? {}).filter(([name]) => !SECRET_HEADER.test(name))),
    ...location,
    code: dto.code,
    event_ts: isoSeconds(ts),
    id: scanId,
    product_id: dto.product_id ?? dto.code.padStart(14, '0'),
    product_name: dto.product_name ?? null,
    image_url: dto.image_url ?? null,
    result_type: 'normal',
    user_id: dto.user_id,
  };
}
