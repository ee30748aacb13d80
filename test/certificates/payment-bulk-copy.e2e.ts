// Bulk-create writes its rows with COPY: codes carrying what COPY's text format gives a meaning
// to (tab, newline, backslash, \N) must be stored and answered exactly as sent, a taken code must
// still write nothing, and two bulk-creates at once must each get their own ids in body order.
import type { ApiKeyCaller, PaymentCertificateView } from '#libs/contracts';
import { CertificatesPattern } from '#libs/contracts';
import { type CertificatesHarness, startCertificates, systemSession } from './certificates-process.js';

const P = 'urn:authenticateit:participant:111';
let c: CertificatesHarness;
let caller: { apiKey: ApiKeyCaller };

const bulkCreate = (body: unknown) => c.call<PaymentCertificateView[]>(CertificatesPattern.PaymentBulkCreate, { body }, caller);
const stored = () => c.db.query('SELECT id, code, is_active, value FROM certificates.payment_certificates WHERE participant_id = $1 ORDER BY id', [P]).then((r) => r.rows);

beforeAll(async () => {
  c = await startCertificates();
  const key = await c.call<{ key: string }>(CertificatesPattern.ApiKeyCreate, { body: { participant_id: P } }, { session: systemSession() });
  caller = { apiKey: await c.send<ApiKeyCaller>(CertificatesPattern.ApiKeyVerify, { key: key.key }) };
});
afterAll(async () => { await c?.stop(); });

describe('bulk-create through COPY', () => {
  it('stores and answers codes with tabs, newlines, backslashes and \\N exactly as sent', async () => {
    const codes = ['tab\there', 'new\nline', 'back\\slash', '\\N', 'cr\rlf\r\n', 'ünïcödé ✓', ' spaced ', 'comma,semi;"quote"'];
    const answer = await bulkCreate(codes.map((code, i) => ({ code, value: i, is_active: i % 2 === 0 })));
    expect(answer.map((x) => x.code)).toEqual(codes);
    expect(answer.map((x) => x.value)).toEqual(codes.map((_, i) => i));
    expect(answer.map((x) => x.is_active)).toEqual(codes.map((_, i) => i % 2 === 0));
    expect(await stored()).toEqual(answer.map((x) => ({ ...x, id: String(x.id) })));
    const one = await c.call<PaymentCertificateView>(CertificatesPattern.PaymentGet, { params: { id: String(answer[3].id) } }, caller);
    expect(one).toEqual(answer[3]);
  });

  it('answers ids that grow in body order and defaults is_active and value', async () => {
    const answer = await bulkCreate([{ code: 'default-1' }, { code: 'default-2', value: 7 }, { code: 'default-3', is_active: false }]);
    expect(answer.map((x) => [x.code, x.is_active, x.value])).toEqual([['default-1', true, 0], ['default-2', true, 7], ['default-3', false, 0]]);
    expect(answer[0].id).toBeLessThan(answer[1].id);
    expect(answer[1].id).toBeLessThan(answer[2].id);
  });

  it('writes nothing and lists the taken code when one of many is taken', async () => {
    const before = await stored();
    const body = Array.from({ length: 500 }, (_, i) => ({ code: `batch-${i}` }));
    body[321] = { code: 'tab\there' };
    const err = await c.fail(CertificatesPattern.PaymentBulkCreate, { body }, caller);
    expect(err).toMatchObject({ kind: 'conflict', code: 'certificates.duplicate_code', details: [{ index: 321, code: 'tab\there', reason: 'code_exists' }] });
    expect(await stored()).toEqual(before);
  });

  it('two bulk-creates at once each get every row, in body order', async () => {
    const bodies = [0, 1].map((k) => Array.from({ length: 2000 }, (_, i) => ({ code: `par-${k}-${i}`, value: i })));
    const answers = await Promise.all(bodies.map(bulkCreate));
    answers.forEach((answer, k) => {
      expect(answer.map((x) => x.code)).toEqual(bodies[k].map((x) => x.code));
      expect(answer.every((x, i) => i === 0 || x.id > answer[i - 1].id)).toBe(true);
    });
    const ids = new Set(answers.flat().map((x) => x.id));
    expect(ids.size).toBe(4000);
    const codeOf = new Map((await stored()).map((r) => [Number(r.id), r.code]));
    expect(answers.flat().filter((x) => codeOf.get(x.id) !== x.code)).toEqual([]);
  });
});
