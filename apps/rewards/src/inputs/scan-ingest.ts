import { randomUUID } from 'node:crypto';
import { type InputResult, type ScanInputDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import type { Campaign, ScanIntervalRule } from '../common/rules-catalog.service.js';
import type { LevelDefinition } from '../levels/level-types.js';
import { scanDigest, keyReused, otherBody } from './body-digest.js';
import type { ScanBatchRow, ScansRepository } from './scans.repository.js';

export const SYSTEM_CAMPAIGN = 'urn:authenticateit:campaign:1';

/** What the scan wrote, for the statistics event. */
export interface ScanStats { total_scans: number; total_balance: string; total_uncollected_coins: string }

export interface ScanOutcome { result: InputResult; stats?: ScanStats }

export interface ScanCatalog { levels: LevelDefinition[]; campaigns: Map<string, Campaign>; scanInterval: ScanIntervalRule | undefined }

/**
 * Ingests scans of distinct users and keys as one statement (see BATCH_STATEMENT in
 * scans.repository.ts); a redelivered key answers the first result with duplicate: true.
 * A failed statement (e.g. a deleted user among them) rejects as a whole, having written nothing;
 * after it each scan is settled on its own (a redelivery's key reused with another body fails only it).
 */
export async function ingestScans(scans: ScansRepository, catalog: ScanCatalog, dtos: ScanInputDto[]): Promise<PromiseSettledResult<ScanOutcome>[]> {
  const input = dtos.map((dto, i) => scanInput(dto, i + 1));
  const claims = input.flatMap((s, k) => chosenCampaigns(catalog, dtos[k]).map((c) => ({ idx: s.idx, id: randomUUID(), campaign_id: c.id, rate: c.coin_rate })))
    .map((c, k) => ({ ...c, ord: k + 1 }));
  const { levels, scanInterval } = catalog;
  let rows: ScanBatchRow[];
  try {
    rows = await scans.ingestBatch([
      JSON.stringify(input),
      scanInterval?.min_interval_ms ?? 0, scanInterval?.reason ?? '', scanInterval?.ban_seconds ?? 0,
      levels.map((l) => l.type), levels.map((l) => l.earnings.find((e) => e.type === 'scanning_products')?.coins ?? '0'), levels.map((l) => l.coin_rate),
      JSON.stringify(claims),
    ]);
  } catch (error) {
    if ((error as { code?: string }).code === 'P0404') throw DomainError.notFound('Unknown user', 'rewards.unknown_user');
    throw error;
  }
  const byIdx = new Map(rows.map((r) => [r.idx, r]));
  return await Promise.allSettled(input.map(async (s): Promise<ScanOutcome> => {
    const row = byIdx.get(s.idx);
    if (!row) return { result: await previousResult(scans, s.key, Buffer.from(s.digest, 'hex')) };
    return {
      result: { scan_id: s.scan_id, banned: row.banned, claims: row.claims, duplicate: false },
      stats: { total_scans: row.scans_count, total_balance: row.coins, total_uncollected_coins: row.pending_coins },
    };
  }));
}

function chosenCampaigns({ campaigns }: ScanCatalog, dto: ScanInputDto): Campaign[] {
  return [...new Set([SYSTEM_CAMPAIGN, ...(dto.campaigns ?? [])])].map((id) => campaigns.get(id)).filter((c): c is Campaign => !!c);
}

/**
 * One scan as the statement reads it: each field once; the statement builds the stored record
 * and the timeline entry from them (`extra` holds what only the record keeps).
 */
function scanInput(dto: ScanInputDto, idx: number) {
  return {
    idx, key: dto.idempotency_key, user_id: dto.user_id, scan_id: dto.scan_id ?? randomUUID(), code: dto.code,
    product_id: dto.product_id ?? dto.code.padStart(14, '0'), product_name: dto.product_name ?? null, image_url: dto.image_url ?? null,
    ts: (dto.event_ts ? new Date(dto.event_ts) : new Date()).toISOString(), extra: recordExtra(dto), timeline_id: randomUUID(),
    digest: scanDigest(dto).toString('hex'),
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
const LOCATION = ['accuracy', 'city', 'country', 'language', 'latitude', 'longitude'] as const;

/** The stored record's fields besides the scan's own: the request headers as sent (credentials left out) and the location. */
function recordExtra(dto: ScanInputDto): Record<string, unknown> | null {
  const entries = [
    ...Object.entries(dto.headers ?? {}).filter(([name]) => !SECRET_HEADER.test(name)),
    ...LOCATION.filter((k) => dto[k] !== undefined).map((k) => [k, dto[k]]),
  ];
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}
