import type { ApiKeyCaller, PaymentCertificateView } from '#libs/contracts';
import { type CertificatesHarness, eventually, session, startCertificates, systemSession } from './certificates-process.js';
import { CertificatesPattern, Events } from '#libs/contracts';

const A = 'urn:authenticateit:participant:101';
const B = 'urn:authenticateit:participant:102';
const system = () => ({ session: systemSession() });

interface CreatedKey { id: string; participant_id: string; key: string; key_prefix: string }

let c: CertificatesHarness;
let keyA: CreatedKey;
let keyB: CreatedKey;
let callerA: { apiKey: ApiKeyCaller };
let callerB: { apiKey: ApiKeyCaller };

const rows = (participantId = A) => c.count('SELECT count(*) FROM certificates.payment_certificates WHERE participant_id = $1', [participantId]);
const snapshot = async () => (await c.db.query('SELECT id, code, is_active, value FROM certificates.payment_certificates ORDER BY id')).rows;

async function createKey(participantId: string): Promise<CreatedKey> {
  const key = await c.call<CreatedKey>(CertificatesPattern.ApiKeyCreate, { body: { participant_id: participantId, name: 'site' } }, system());
  return key;
}

beforeAll(async () => {
  c = await startCertificates();
  keyA = await createKey(A);
  keyB = await createKey(B);
  callerA = { apiKey: await c.send<ApiKeyCaller>(CertificatesPattern.ApiKeyVerify, { key: keyA.key }) };
  callerB = { apiKey: await c.send<ApiKeyCaller>(CertificatesPattern.ApiKeyVerify, { key: keyB.key }) };
});
afterAll(async () => { await c?.stop(); });

describe('API keys', () => {
  it('creates a key shown once and stores only its sha256', async () => {
    expect(keyA).toMatchObject({ participant_id: A, name: 'site', key: expect.stringMatching(/^pck_[A-Za-z0-9_-]{43}$/) });
    expect(keyA.key.startsWith(keyA.key_prefix)).toBe(true);
    const stored = (await c.db.query('SELECT key_hash FROM certificates.api_keys WHERE id = $1', [keyA.id])).rows[0];
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify((await c.db.query('SELECT * FROM certificates.api_keys')).rows)).not.toContain(keyA.key);
  });

  it('verifies a key to its participant and key id', () => {
    expect(callerA.apiKey).toEqual({ participantId: A, keyId: keyA.id });
  });

  it('refuses unknown and malformed keys with 401', async () => {
    for (const key of ['pck_' + 'x'.repeat(43), 'garbage', '', 42, undefined]) {
      expect(await c.sendFail(CertificatesPattern.ApiKeyVerify, { key })).toMatchObject({ kind: 'unauthenticated' });
    }
  });

  it('lists keys without any secret', async () => {
    const list = await c.call<Record<string, unknown>[]>(CertificatesPattern.ApiKeyList, { query: { participant_id: A } }, system());
    expect(list).toHaveLength(1);
    expect(Object.keys(list[0]).sort()).toEqual(['created_at', 'id', 'key_prefix', 'name', 'participant_id', 'revoked_at']);
  });

  it('lets only the system participant manage keys', async () => {
    const member = { session: session('urn:authenticateit:user:email:m@x.test', A, ['admin']) };
    expect(await c.fail(CertificatesPattern.ApiKeyCreate, { body: { participant_id: A } }, member)).toMatchObject({ kind: 'forbidden' });
    expect(await c.fail(CertificatesPattern.ApiKeyList, {}, member)).toMatchObject({ kind: 'forbidden' });
    expect(await c.fail(CertificatesPattern.ApiKeyCreate, { body: { participant_id: A } })).toMatchObject({ kind: 'unauthenticated' });
    expect(await c.fail(CertificatesPattern.ApiKeyCreate, { body: { participant_id: 'nope' } }, system())).toMatchObject({ kind: 'invalid_input' });
    expect(await c.count('SELECT count(*) FROM certificates.api_keys')).toBe(2);
  });

  it('refuses a payment route without the API key header', async () => {
    expect(await c.fail(CertificatesPattern.PaymentList)).toMatchObject({ kind: 'unauthenticated' });
  });
});

describe('payment certificates: the doc flow', () => {
  let created: PaymentCertificateView[];

  it('bulk-creates and answers the bare array of the doc', async () => {
    created = await c.call(CertificatesPattern.PaymentBulkCreate, { body: [
      { code: 'CERT-NEW-001', is_active: true, value: 1000 },
      { code: 'CERT-NEW-002', is_active: false, value: 1500 },
      { code: 'CERT-DEFAULTS' },
    ] }, callerA);
    expect(created).toEqual([
      { id: expect.any(Number), code: 'CERT-NEW-001', is_active: true, value: 1000 },
      { id: expect.any(Number), code: 'CERT-NEW-002', is_active: false, value: 1500 },
      { id: expect.any(Number), code: 'CERT-DEFAULTS', is_active: true, value: 0 },
    ]);
    expect(Object.keys(created[0])).toEqual(['id', 'code', 'is_active', 'value']);
  });

  it('lists, gets one and pages with limit/offset', async () => {
    expect(await c.call(CertificatesPattern.PaymentList, {}, callerA)).toEqual(created);
    expect(await c.call(CertificatesPattern.PaymentList, { query: { limit: '1', offset: '1' } }, callerA)).toEqual([created[1]]);
    expect(await c.call(CertificatesPattern.PaymentGet, { params: { id: String(created[0].id) } }, callerA)).toEqual(created[0]);
  });

  it('updates one with PUT /:id/', async () => {
    const updated = await c.call(CertificatesPattern.PaymentUpdate,
      { params: { id: String(created[0].id) }, body: { code: 'CERT-001-UPDATED', is_active: false, value: 750 } }, callerA);
    expect(updated).toEqual({ id: created[0].id, code: 'CERT-001-UPDATED', is_active: false, value: 750 });
  });

  it('bulk-updates several, keeping fields that are not given', async () => {
    const updated = await c.call(CertificatesPattern.PaymentBulkUpdate, { body: [
      { id: created[0].id, code: 'CERT-001-UPDATED', value: 800, is_active: true },
      { id: created[1].id, code: 'CERT-002-UPDATED', value: 1200 },
    ] }, callerA);
    expect(updated).toEqual([
      { id: created[0].id, code: 'CERT-001-UPDATED', is_active: true, value: 800 },
      { id: created[1].id, code: 'CERT-002-UPDATED', is_active: false, value: 1200 },
    ]);
  });

  it('lets one bulk-update swap two codes', async () => {
    const [x, y] = await c.call<PaymentCertificateView[]>(CertificatesPattern.PaymentBulkUpdate, { body: [
      { id: created[0].id, code: 'CERT-002-UPDATED' }, { id: created[1].id, code: 'CERT-001-UPDATED' },
    ] }, callerA);
    expect([x.code, y.code]).toEqual(['CERT-002-UPDATED', 'CERT-001-UPDATED']);
  });
});

describe('payment certificates: bad input writes nothing', () => {
  const badCreates: [string, unknown, string, RegExp][] = [
    ['missing code', [{ value: 1 }], 'invalid_input', /code is required/],
    ['empty code', [{ code: '  ' }], 'invalid_input', /code must be a non-empty string/],
    ['negative value', [{ code: 'N-1', value: -1 }], 'invalid_input', /value must be an integer/],
    ['non-integer value', [{ code: 'N-2', value: 1.5 }], 'invalid_input', /value must be an integer/],
    ['string value', [{ code: 'N-3', value: '5' }], 'invalid_input', /value must be an integer/],
    ['non-boolean is_active', [{ code: 'N-4', is_active: 'yes' }], 'invalid_input', /is_active must be a boolean/],
    ['unknown field', [{ code: 'N-5', colour: 'red' }], 'invalid_input', /colour is not a known field/],
    ['id on create', [{ id: 5, code: 'N-6' }], 'invalid_input', /id is assigned by the server/],
    ['not an array', { code: 'N-7' }, 'invalid_input', /JSON array/],
    ['an item that is not an object', ['N-8'], 'invalid_input', /JSON object/],
  ];
  it.each(badCreates)('bulk-create refuses %s with 400 and writes nothing', async (_, body, kind, message) => {
    const before = await snapshot();
    const error = await c.fail(CertificatesPattern.PaymentBulkCreate, { body }, callerA);
    expect(error.kind).toBe(kind);
    expect(JSON.stringify(error)).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it('lists every offending index and code of a bulk body', async () => {
    const before = await snapshot();
    const error = await c.fail(CertificatesPattern.PaymentBulkCreate, { body: [
      { code: 'OK-1', value: 1 }, { code: 'BAD-1', value: -5 }, { code: 'OK-2' }, { value: 3 }, { code: 'BAD-2', value: 2.5 },
    ] }, callerA);
    expect(error).toMatchObject({ kind: 'invalid_input', code: 'certificates.invalid_input' });
    expect((error.details as { index: number; code: string | null }[]).map((d) => [d.index, d.code]))
      .toEqual([[1, 'BAD-1'], [3, null], [4, 'BAD-2']]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses duplicate codes inside one body with 409 listing every occurrence', async () => {
    const before = await snapshot();
    const error = await c.fail(CertificatesPattern.PaymentBulkCreate, { body: [
      { code: 'D-1' }, { code: 'D-2' }, { code: 'D-1' }, { code: 'D-3' }, { code: 'D-2' },
    ] }, callerA);
    expect(error).toMatchObject({ kind: 'conflict', code: 'certificates.duplicate_code' });
    expect(error.details).toEqual([
      { index: 0, code: 'D-1', reason: 'duplicate_in_request' }, { index: 1, code: 'D-2', reason: 'duplicate_in_request' },
      { index: 2, code: 'D-1', reason: 'duplicate_in_request' }, { index: 4, code: 'D-2', reason: 'duplicate_in_request' },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a code the participant already has with 409', async () => {
    const before = await snapshot();
    const error = await c.fail(CertificatesPattern.PaymentBulkCreate, { body: [{ code: 'FRESH-1' }, { code: 'CERT-NEW-002' }, { code: 'CERT-002-UPDATED' }] }, callerA);
    expect(error).toMatchObject({ kind: 'conflict' });
    expect((error.details as { index: number }[]).map((d) => d.index)).toEqual([2]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses more than 10,000 items with 413', async () => {
    const body = Array.from({ length: 10_001 }, (_, i) => ({ code: `TOO-MANY-${i}` }));
    const error = await c.fail(CertificatesPattern.PaymentBulkCreate, { body }, callerA);
    expect(error).toMatchObject({ kind: 'payload_too_large', details: { max: 10_000, received: 10_001 } });
    expect(await c.count("SELECT count(*) FROM certificates.payment_certificates WHERE code LIKE 'TOO-MANY-%'")).toBe(0);
  });

  it('bulk-update refuses an unknown id with 404 listing it, and writes nothing', async () => {
    const [first] = await c.call<PaymentCertificateView[]>(CertificatesPattern.PaymentList, {}, callerA);
    const before = await snapshot();
    const error = await c.fail(CertificatesPattern.PaymentBulkUpdate, { body: [
      { id: first.id, code: 'WOULD-CHANGE', value: 5 }, { id: 99_999_999, code: 'GHOST' },
    ] }, callerA);
    expect(error).toMatchObject({ kind: 'not_found', details: [{ index: 1, id: 99_999_999, code: 'GHOST' }] });
    expect(await snapshot()).toEqual(before);
  });

  it('bulk-update refuses a missing id, a repeated id and a code taken by another row', async () => {
    const [x, y] = await c.call<PaymentCertificateView[]>(CertificatesPattern.PaymentList, {}, callerA);
    const before = await snapshot();
    expect(await c.fail(CertificatesPattern.PaymentBulkUpdate, { body: [{ code: 'NO-ID' }] }, callerA))
      .toMatchObject({ kind: 'invalid_input', details: [{ index: 0, errors: [{ field: 'id', errors: ['id is required'] }] }] });
    expect(await c.fail(CertificatesPattern.PaymentBulkUpdate, { body: [{ id: x.id, code: 'R-1' }, { id: x.id, code: 'R-2' }] }, callerA))
      .toMatchObject({ kind: 'invalid_input' });
    expect(await c.fail(CertificatesPattern.PaymentBulkUpdate, { body: [{ id: x.id, code: y.code }] }, callerA))
      .toMatchObject({ kind: 'conflict', details: [{ index: 0, code: y.code, reason: 'code_exists' }] });
    expect(await c.fail(CertificatesPattern.PaymentUpdate, { params: { id: String(x.id) }, body: { code: y.code } }, callerA))
      .toMatchObject({ kind: 'conflict' });
    expect(await c.fail(CertificatesPattern.PaymentUpdate, { params: { id: String(x.id) }, body: { value: -1 } }, callerA))
      .toMatchObject({ kind: 'invalid_input' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad limit/offset and unknown ids', async () => {
    expect(await c.fail(CertificatesPattern.PaymentList, { query: { limit: '-1' } }, callerA)).toMatchObject({ kind: 'invalid_input' });
    expect(await c.fail(CertificatesPattern.PaymentList, { query: { offset: 'abc' } }, callerA)).toMatchObject({ kind: 'invalid_input' });
    expect(await c.fail(CertificatesPattern.PaymentGet, { params: { id: 'abc' } }, callerA)).toMatchObject({ kind: 'not_found' });
    expect(await c.fail(CertificatesPattern.PaymentGet, { params: { id: '424242' } }, callerA)).toMatchObject({ kind: 'not_found' });
  });
});

describe('payment certificates: 10,000 items, all or nothing', () => {
  const batch = (prefix: string) => Array.from({ length: 10_000 }, (_, i) => ({ code: `${prefix}-${i}`, value: i, is_active: i % 2 === 0 }));

  it('writes nothing when only the last of 10,000 items is invalid', async () => {
    const before = await rows();
    const body: unknown[] = batch('BIG-BAD');
    body[9_999] = { code: 'BIG-BAD-9999', value: -1 };
    const error = await c.fail(CertificatesPattern.PaymentBulkCreate, { body }, callerA);
    expect(error).toMatchObject({ kind: 'invalid_input', details: [{ index: 9_999, code: 'BIG-BAD-9999' }] });
    expect(await rows()).toBe(before);
  });

  it('writes nothing when only the last of 10,000 items repeats an existing code', async () => {
    const before = await rows();
    const body = batch('BIG-DUP');
    body[9_999] = { code: 'CERT-DEFAULTS', value: 1, is_active: true };
    const error = await c.fail(CertificatesPattern.PaymentBulkCreate, { body }, callerA);
    expect(error).toMatchObject({ kind: 'conflict', details: [{ index: 9_999, code: 'CERT-DEFAULTS', reason: 'code_exists' }] });
    expect(await rows()).toBe(before);
  });

  it('creates 10,000 in one call, quickly', async () => {
    const before = await rows();
    const started = performance.now();
    const created = await c.call<PaymentCertificateView[]>(CertificatesPattern.PaymentBulkCreate, { body: batch('BIG') }, callerA);
    const elapsed = performance.now() - started;
    expect(created).toHaveLength(10_000);
    expect(created[9_999]).toMatchObject({ code: 'BIG-9999', value: 9_999, is_active: false });
    expect(await rows()).toBe(before + 10_000);
    expect(elapsed).toBeLessThan(5_000); // the bench measures it properly; this only catches a per-row regression
  });

  it('bulk-updates 10,000 in one call and writes nothing when the last id is foreign', async () => {
    const mine = await c.call<PaymentCertificateView[]>(CertificatesPattern.PaymentList, { query: { limit: '10000', offset: '0' } }, callerA);
    const [foreign] = await c.call<PaymentCertificateView[]>(CertificatesPattern.PaymentBulkCreate, { body: [{ code: 'B-ONLY' }] }, callerB);
    const body = mine.map((m) => ({ id: m.id, code: m.code, value: m.value + 1 }));
    body[body.length - 1] = { id: foreign.id, code: 'STOLEN', value: 1 };
    const before = await snapshot();
    expect(await c.fail(CertificatesPattern.PaymentBulkUpdate, { body }, callerA))
      .toMatchObject({ kind: 'not_found', details: [{ index: body.length - 1, id: foreign.id }] });
    expect(await snapshot()).toEqual(before);
  });
});

describe('payment certificates: per-participant isolation', () => {
  it('B sees only its own rows and may reuse A\'s codes', async () => {
    const created = await c.call<PaymentCertificateView[]>(CertificatesPattern.PaymentBulkCreate, { body: [{ code: 'CERT-NEW-002', value: 5 }] }, callerB);
    expect(created[0].code).toBe('CERT-NEW-002');
    const listB = await c.call<PaymentCertificateView[]>(CertificatesPattern.PaymentList, {}, callerB);
    expect(listB.map((r) => r.code).sort()).toEqual(['B-ONLY', 'CERT-NEW-002']);
  });

  it("answers 404 for another participant's id on get, put and bulk-update, and changes nothing", async () => {
    const [ofA] = await c.call<PaymentCertificateView[]>(CertificatesPattern.PaymentList, { query: { limit: '1' } }, callerA);
    const before = await snapshot();
    expect(await c.fail(CertificatesPattern.PaymentGet, { params: { id: String(ofA.id) } }, callerB)).toMatchObject({ kind: 'not_found' });
    expect(await c.fail(CertificatesPattern.PaymentUpdate, { params: { id: String(ofA.id) }, body: { code: 'MINE-NOW' } }, callerB))
      .toMatchObject({ kind: 'not_found' });
    expect(await c.fail(CertificatesPattern.PaymentBulkUpdate, { body: [{ id: ofA.id, code: 'MINE-NOW' }] }, callerB))
      .toMatchObject({ kind: 'not_found' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('revoking a key', () => {
  it('refuses the key at once, even with a verdict the gateway still caches', async () => {
    const extra = await createKey(B);
    const caller = { apiKey: await c.send<ApiKeyCaller>(CertificatesPattern.ApiKeyVerify, { key: extra.key }) };
    expect(await c.call(CertificatesPattern.PaymentList, {}, caller)).toHaveLength(2);
    const revoked = await c.call<{ revoked_at: string }>(CertificatesPattern.ApiKeyRevoke, { params: { id: extra.id } }, system());
    expect(revoked.revoked_at).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/));
    expect(await c.sendFail(CertificatesPattern.ApiKeyVerify, { key: extra.key })).toMatchObject({ kind: 'unauthenticated' });
    const before = await rows(B);
    expect(await c.fail(CertificatesPattern.PaymentList, {}, caller)).toMatchObject({ kind: 'unauthenticated' });
    expect(await c.fail(CertificatesPattern.PaymentBulkCreate, { body: [{ code: 'AFTER-REVOKE' }] }, caller)).toMatchObject({ kind: 'unauthenticated' });
    expect(await rows(B)).toBe(before);
    // idempotent, and the other key of B still works
    expect(await c.call(CertificatesPattern.ApiKeyRevoke, { params: { id: extra.id } }, system())).toMatchObject({ revoked_at: revoked.revoked_at });
    expect(await c.call(CertificatesPattern.PaymentList, {}, callerB)).toHaveLength(2);
    expect(await c.fail(CertificatesPattern.ApiKeyRevoke, { params: { id: '00000000-0000-4000-8000-000000000000' } }, system()))
      .toMatchObject({ kind: 'not_found' });
  });
});

describe(Events.ParticipantDeleted, () => {
  it("deletes the participant's certificates and keys, idempotently, and nothing else", async () => {
    const bRows = await rows(B);
    await c.emit(Events.ParticipantDeleted, { participantId: A, requestId: 'req-1' });
    await eventually(async () => {
      expect(await rows(A)).toBe(0);
      expect(await c.count('SELECT count(*) FROM certificates.api_keys WHERE participant_id = $1', [A])).toBe(0);
    });
    await c.emit(Events.ParticipantDeleted, { participantId: A, requestId: 'req-1' });
    expect(await c.sendFail(CertificatesPattern.ApiKeyVerify, { key: keyA.key })).toMatchObject({ kind: 'unauthenticated' });
    expect(await rows(B)).toBe(bRows);
    expect(await c.send(CertificatesPattern.ApiKeyVerify, { key: keyB.key })).toEqual(callerB.apiKey);
  });
});
