import { randomUUID } from 'node:crypto';
import { Events, type InputResult, type LedgerCheckResult, RewardsPattern } from '#libs/contracts';
import { eventually, type RewardsHarness, startRewards, systemSession } from './rewards-process.js';

// Scans that arrive together are written in one statement per batch (inputs/scan-batch.ts):
// these send many at once so that the batch path, not the single-scan path, does the work.
const COIN = 10n ** 18n;
const user = (name: string) => `urn:authenticateit:user:email:${name}-${randomUUID().slice(0, 8)}@rewards.test`;

let r: RewardsHarness;
beforeAll(async () => { r = await startRewards(); });
afterAll(async () => { await r?.stop(); });

type ScanAnswer = InputResult & { scan_id: string; banned: boolean; claims: { id: string; campaign_id: string; coins: string }[] };
const scanMessage = (userId: string, minute: number, key = randomUUID()) => ({
  idempotency_key: key, user_id: userId, code: `460${minute}${Math.floor(Math.random() * 1e6)}`, product_name: `P${minute}`,
  event_ts: new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString(),
});

describe('batched scan ingestion', () => {
  it('writes one scan, claim, ledger entry and timeline record per scan; duplicates and repeated users stay exact', async () => {
    const users = Array.from({ length: 40 }, (_, i) => user(`batch${i}`));
    const messages = users.flatMap((u) => [scanMessage(u, 1), scanMessage(u, 2), scanMessage(u, 3)]);
    const duplicated = messages.slice(0, 20);
    const answers = await Promise.all([...messages, ...duplicated].map((m) => r.send<ScanAnswer>(RewardsPattern.Scan, m)));

    expect(answers.filter((a) => !a.duplicate)).toHaveLength(120);
    expect(answers.filter((a) => a.duplicate)).toHaveLength(20);
    // A duplicate answers the first result.
    for (let i = 0; i < 20; i++) expect(answers[120 + i]).toMatchObject({ duplicate: true, scan_id: answers[i].scan_id, claims: answers[i].claims });
    expect(answers.slice(0, 120).every((a) => a.claims.length === 1 && a.claims[0].coins === COIN.toString() && !a.banned)).toBe(true);

    const ids = users.map((u) => u);
    expect(await r.count('SELECT count(*) FROM rewards.scans WHERE user_id = ANY($1)', [ids])).toBe(120);
    expect(await r.count('SELECT count(*) FROM rewards.claims WHERE user_id = ANY($1)', [ids])).toBe(120);
    expect(await r.count(`SELECT count(*) FROM rewards.ledger_entries WHERE user_id = ANY($1) AND kind = 'claim_pending'`, [ids])).toBe(120);
    expect(await r.count('SELECT count(*) FROM rewards.timeline WHERE user_id = ANY($1)', [ids])).toBe(120);
    const perUser = (await r.db.query(`SELECT u.scans_count, b.pending_coins FROM rewards.users u JOIN rewards.balances b USING (user_id) WHERE u.user_id = ANY($1)`, [ids])).rows;
    expect(perUser).toHaveLength(40);
    expect(perUser.every((row) => row.scans_count === 3 && row.pending_coins === (3n * COIN).toString())).toBe(true);
    const timeline = (await r.db.query('SELECT record FROM rewards.timeline WHERE user_id = $1 ORDER BY seq', [users[0]])).rows.map((x) => x.record);
    expect(timeline[0]).toMatchObject({ type: 'scan', coins: COIN.toString(), earned_coins: COIN.toString(), max_coins: COIN.toString(), scan_id: expect.any(String) });
    const check = await r.call<LedgerCheckResult>(RewardsPattern.LedgerCheck, {}, { session: systemSession() });
    expect(check.differences).toEqual([]);
  });

  it('bans too frequent scans inside a batch and answers 404 for a deleted user without failing the others', async () => {
    const gone = user('gone');
    await r.send(RewardsPattern.Scan, scanMessage(gone, 1));
    await r.emit(Events.UserDeleted, { userId: gone });
    await eventually(async () => {
      expect(await r.count('SELECT count(*) FROM rewards.users WHERE user_id = $1 AND deleted_at IS NOT NULL', [gone])).toBe(1);
    });
    const fast = user('fast');
    await r.send(RewardsPattern.Scan, scanMessage(fast, 1));
    const others = Array.from({ length: 30 }, (_, i) => user(`ok${i}`));
    const fastRepeat = { ...scanMessage(fast, 1), event_ts: new Date(Date.UTC(2026, 0, 1, 9, 1, 0, 500)).toISOString() };
    const settled = await Promise.allSettled([
      r.send<ScanAnswer>(RewardsPattern.Scan, scanMessage(gone, 5)),
      r.send<ScanAnswer>(RewardsPattern.Scan, fastRepeat),
      ...others.map((u) => r.send<ScanAnswer>(RewardsPattern.Scan, scanMessage(u, 1))),
    ]);
    expect(settled[0]).toMatchObject({ status: 'rejected', reason: { kind: 'not_found' } });
    expect(settled[1]).toMatchObject({ status: 'fulfilled', value: { banned: true, claims: [] } });
    expect(settled.slice(2).every((s) => s.status === 'fulfilled' && s.value.claims.length === 1)).toBe(true);
    // The refused scan wrote nothing; the one before the deletion was archived with the account.
    expect(await r.count('SELECT count(*) FROM rewards.scans WHERE user_id = $1', [gone])).toBe(0);
    expect((await r.db.query(`SELECT rule_id, data FROM rewards.bans WHERE user_id = $1`, [fast])).rows).toEqual([
      { rule_id: 'scan_interval', data: { scans: [expect.any(String), (settled[1] as PromiseFulfilledResult<ScanAnswer>).value.scan_id] } },
    ]);
  });
});
