import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';
import type { HttpReply, IssueUserCertificateDto, IssueUserCertificateResult, UserCertificateView, UserCertificatesAnswer } from '#libs/contracts';
import { type CertificatesHarness, PUBLIC_BASE_URL, eventually, session, startCertificates, systemSession } from './certificates-process.js';
import { CertificatesPattern, Events } from '#libs/contracts';

const STORE_PARTICIPANT = 'urn:authenticateit:participant:201';
const OTHER_PARTICIPANT = 'urn:authenticateit:participant:202';
const USER = 'urn:authenticateit:user:email:holder@rewards.test';
const OTHER_USER = 'urn:authenticateit:user:email:other@rewards.test';
// jsqr is CommonJS with an ESM-style default export: under nodenext the default is the module.
const jsQR = ((jsqrModule as unknown as { default?: unknown }).default ?? jsqrModule) as unknown as typeof jsqrModule.default;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const hour = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

let c: CertificatesHarness;
let n = 0;

function request(overrides: Partial<IssueUserCertificateDto> & { itemEnd?: string; promoExpiry?: string } = {}): IssueUserCertificateDto {
  n += 1;
  const { itemEnd, promoExpiry, ...rest } = overrides;
  return {
    issue_key: `issue-${n}`,
    user_id: USER,
    item: {
      id: `item-${n}`, name: `Concert ${n}`, platform_price: 12.5, price: 10, sku: `SKU-${n}`,
      start_time: at(-hour), end_time: itemEnd ?? at(24 * hour), duration: 90, event_type: 'concert', assets: [],
      participants_limit: 100, location: { address: '10 Queens Rd', country: 'AU', city: 'Melbourne' },
      store: { id: 7, participant_id: STORE_PARTICIPANT, name: 'Store 7', is_blogger: false, seller_type: 'shop', logo_url: 'https://cdn.test/7.png' },
    },
    promo_code: { id: `promo-${n}`, promo_code: `PROMO-${n}`, discount_percent: 15, expired_at: promoExpiry ?? at(48 * hour), is_for_winner: true },
    round: { id: `round-${n}`, uniq_id: `R-${n}` },
    text: `Certificate ${n}`,
    attribute_values: [{ name: 'size', value: 'L' }],
    ...rest,
  };
}

const issue = (req: IssueUserCertificateDto) => c.send<IssueUserCertificateResult>(CertificatesPattern.UserIssue, req);
const list = (userId = USER) => c.call<UserCertificatesAnswer>(CertificatesPattern.UserList, {}, { session: session(userId, 'urn:authenticateit:participant:999') });
const certificateCount = () => c.count('SELECT count(*) FROM certificates.user_certificates');
const tokenOf = (url: string, kind: 'qr' | 'activate') => new RegExp(`^${PUBLIC_BASE_URL}/certificates/${kind}/([^/]+)$`).exec(url)![1];

beforeAll(async () => { c = await startCertificates(); });
afterAll(async () => { await c?.stop(); });

describe('issuing', () => {
  it('issues over the message pattern and answers the model of the doc', async () => {
    const req = request();
    const result = await issue(req);
    expect(result.created).toBe(true);
    const cert = result.certificate;
    expect(Object.keys(cert)).toEqual(['id', 'is_activated', 'item', 'promo_code', 'round', 'activated_at', 'qr_code', 'text', 'attribute_values']);
    expect(cert).toMatchObject({
      is_activated: false, activated_at: null, text: req.text, attribute_values: req.attribute_values,
      item: {
        id: req.item.id, name: req.item.name, platform_price: 12.5, price: 10, format_price: '10.00', sku: req.item.sku,
        duration: 90, event_type: 'concert', assets: [], participants_limit: 100, location: req.item.location,
        store: { id: 7, name: 'Store 7', is_blogger: false, seller_type: 'shop', logo_url: 'https://cdn.test/7.png' },
      },
      promo_code: { id: req.promo_code!.id, promo_code: req.promo_code!.promo_code, discount_percent: 15, is_for_winner: true },
      round: { id: req.round!.id, uniq_id: req.round!.uniq_id },
      qr_code: { is_activated: false },
    });
    expect(Object.keys(cert.item)).toEqual(['id', 'name', 'platform_price', 'price', 'store', 'format_price', 'sku', 'start_time',
      'end_time', 'duration', 'event_type', 'assets', 'participants_limit', 'location']);
    expect(cert.item.end_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(cert.promo_code!.format_expired_at).toBe(Math.floor(Date.parse(req.promo_code!.expired_at!) / 1000));
    expect(cert.qr_code.image_url).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/certificates/qr/`));
    expect(cert.qr_code.private_image_url).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/certificates/qr/`));
    expect(cert.qr_code.private_image_url).not.toBe(cert.qr_code.image_url);
  });

  it('is idempotent by issue key, and refuses the key for another user', async () => {
    const req = request();
    const first = await issue(req);
    const before = await certificateCount();
    const again = await issue(req);
    expect(again).toEqual({ created: false, certificate: first.certificate });
    expect(await c.sendFail(CertificatesPattern.UserIssue, { ...req, user_id: OTHER_USER }))
      .toMatchObject({ kind: 'conflict', code: 'certificates.issue_key_reused' });
    expect(await certificateCount()).toBe(before);
  });

  it('issues over the gateway route for a system user only: 201, then 200 for a repeat', async () => {
    const req = request();
    const created = await c.raw<HttpReply<UserCertificateView>>(CertificatesPattern.UserIssueHttp, { body: req }, { session: systemSession() });
    expect(created.status).toBe(201);
    const repeat = await c.raw<HttpReply<UserCertificateView>>(CertificatesPattern.UserIssueHttp, { body: req }, { session: systemSession() });
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(created.body.id);
    expect(await c.fail(CertificatesPattern.UserIssueHttp, { body: request() }, { session: session(USER, STORE_PARTICIPANT) }))
      .toMatchObject({ kind: 'forbidden' });
  });

  it('refuses invalid issue requests with 400 and writes nothing', async () => {
    const before = await certificateCount();
    const good = request();
    const bad: unknown[] = [
      { ...good, item: undefined },
      { ...good, issue_key: '' },
      { ...good, item: { ...good.item, store: { ...good.item.store, participant_id: 'nope' } } },
      { ...good, item: { ...good.item, end_time: 'tomorrow' } },
      { ...good, promo_code: { ...good.promo_code, discount_percent: 150 } },
      { ...good, surprise: true },
      'not an object',
    ];
    for (const body of bad) {
      expect(await c.sendFail(CertificatesPattern.UserIssue, body)).toMatchObject({ kind: 'invalid_input' });
    }
    expect(await certificateCount()).toBe(before);
    expect(await c.count('SELECT count(*) FROM certificates.items WHERE id = $1', [good.item.id])).toBe(0);
  });

  it("refuses with 409 an issue naming another participant's store or item, and moves nothing", async () => {
    const mine = request();
    mine.item.store = { ...mine.item.store, id: 70 };
    await issue(mine);
    const before = await certificateCount();
    const takeStore = request();
    takeStore.item.store = { ...mine.item.store, participant_id: OTHER_PARTICIPANT, name: 'Taken' };
    expect(await c.sendFail(CertificatesPattern.UserIssue, takeStore)).toMatchObject({ kind: 'conflict', message: 'This store id belongs to another participant' });
    const takeItem = request();
    takeItem.item = { ...mine.item, store: { ...mine.item.store, id: 71, participant_id: OTHER_PARTICIPANT } };
    expect(await c.sendFail(CertificatesPattern.UserIssue, takeItem)).toMatchObject({ kind: 'conflict', message: 'This item id belongs to another participant' });
    expect(await certificateCount()).toBe(before);
    expect(await c.count('SELECT count(*) FROM certificates.stores WHERE id = 70 AND participant_id = $1 AND name = $2', [STORE_PARTICIPANT, 'Store 7'])).toBe(1);
    expect(await c.count('SELECT count(*) FROM certificates.items WHERE id = $1 AND store_id = 70', [mine.item.id])).toBe(1);
    expect(await c.count('SELECT count(*) FROM certificates.stores WHERE id = 71')).toBe(0);
  });
});

describe('GET /users/certificates', () => {
  it('splits active and archival (activated, item ended, promo expired), newest first', async () => {
    const user = 'urn:authenticateit:user:email:split@rewards.test';
    const oldActive = (await issue(request({ user_id: user }))).certificate;
    const ended = (await issue(request({ user_id: user, itemEnd: at(-hour) }))).certificate;
    const expired = (await issue(request({ user_id: user, promoExpiry: at(-hour) }))).certificate;
    const activated = (await issue(request({ user_id: user }))).certificate;
    const noPromo = (await issue(request({ user_id: user, promo_code: null, round: null }))).certificate;
    await c.call(CertificatesPattern.QrActivate, { params: { token: await activationToken(activated) } },
      { session: session('urn:authenticateit:user:email:cashier@store.test', STORE_PARTICIPANT) });

    const answer = await list(user);
    expect(Object.keys(answer)).toEqual(['active', 'archival']);
    expect(answer.active.map((x) => x.id)).toEqual([noPromo.id, oldActive.id]);
    expect(answer.archival.map((x) => x.id)).toEqual([activated.id, expired.id, ended.id]);
    expect(answer.active[0]).toMatchObject({ promo_code: null, round: null });
    expect(answer.active[1]).toEqual(oldActive);
    expect(answer.archival[1]).toEqual(expired);
    expect(answer.archival[0]).toMatchObject({ is_activated: true, qr_code: { is_activated: true }, activated_at: expect.stringMatching(/Z$/) });
    expect(await list('urn:authenticateit:user:email:nobody@rewards.test')).toEqual({ active: [], archival: [] });
  });

  it('needs a session', async () => {
    expect(await c.fail(CertificatesPattern.UserList)).toMatchObject({ kind: 'unauthenticated' });
  });
});

async function qrImage(url: string): Promise<HttpReply<string>> {
  return c.raw<HttpReply<string>>(CertificatesPattern.QrImage, { params: { token: tokenOf(url, 'qr') } });
}

/** Reads the QR code in the PNG as a phone would: the activation URL, whose last segment is the token. */
async function activationToken(cert: UserCertificateView): Promise<string> {
  const reply = await qrImage(cert.qr_code.private_image_url);
  const png = PNG.sync.read(Buffer.from(reply.body, 'base64'));
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return tokenOf(decoded!.data, 'activate');
}

describe('QR codes', () => {
  let cert: UserCertificateView;
  beforeAll(async () => { cert = (await issue(request())).certificate; });

  it('serves a PNG for both links, encoding the activation URL', async () => {
    for (const url of [cert.qr_code.image_url, cert.qr_code.private_image_url]) {
      const reply = await qrImage(url);
      expect(reply).toMatchObject({ status: 200, bodyEncoding: 'base64', headers: { 'content-type': 'image/png' } });
      const bytes = Buffer.from(reply.body, 'base64');
      expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
    expect(await activationToken(cert)).toMatch(new RegExp(`^${cert.id}\\.0\\.`));
  });

  it('answers 404 for a forged, altered or activation token', async () => {
    const token = tokenOf(cert.qr_code.image_url, 'qr');
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const other = token.replace(cert.id, '00000000-0000-4000-8000-000000000000');
    for (const t of [forged, other, 'nonsense', await activationToken(cert)]) {
      expect(await c.fail(CertificatesPattern.QrImage, { params: { token: t } })).toMatchObject({ kind: 'not_found' });
    }
  });

  it("activates once for a session of the store's participant, then 409", async () => {
    const token = await activationToken(cert);
    const cashier = { session: session('urn:authenticateit:user:email:cashier@store.test', STORE_PARTICIPANT) };
    expect(await c.fail(CertificatesPattern.QrActivate, { params: { token } }, { session: session(USER, OTHER_PARTICIPANT) }))
      .toMatchObject({ kind: 'forbidden' });
    expect(await c.fail(CertificatesPattern.QrActivate, { params: { token } })).toMatchObject({ kind: 'unauthenticated' });
    expect(await c.fail(CertificatesPattern.QrActivate, { params: { token: tokenOf(cert.qr_code.image_url, 'qr') } }, cashier))
      .toMatchObject({ kind: 'not_found' });
    const activated = await c.call<UserCertificateView>(CertificatesPattern.QrActivate, { params: { token } }, cashier);
    expect(activated).toMatchObject({ id: cert.id, is_activated: true, qr_code: { is_activated: true } });
    const row = (await c.db.query('SELECT activated_at, activated_by FROM certificates.user_certificates WHERE id = $1', [cert.id])).rows[0];
    expect(row.activated_by).toBe('urn:authenticateit:user:email:cashier@store.test');
    expect(await c.fail(CertificatesPattern.QrActivate, { params: { token } }, cashier))
      .toMatchObject({ kind: 'conflict', code: 'certificates.already_activated' });
    const after = (await c.db.query('SELECT activated_at FROM certificates.user_certificates WHERE id = $1', [cert.id])).rows[0];
    expect(after.activated_at).toEqual(row.activated_at);
  });

  it('refuses to activate an expired certificate', async () => {
    const expired = (await issue(request({ promoExpiry: at(-hour) }))).certificate;
    const cashier = { session: session('urn:authenticateit:user:email:cashier@store.test', STORE_PARTICIPANT) };
    expect(await c.fail(CertificatesPattern.QrActivate, { params: { token: await activationToken(expired) } }, cashier))
      .toMatchObject({ kind: 'conflict', code: 'certificates.certificate_expired' });
  });
});

describe('events', () => {
  it('user.merged moves certificates, user.deleted removes them', async () => {
    const from = 'urn:authenticateit:user:email:merged-away@rewards.test';
    const to = 'urn:authenticateit:user:email:merged-into@rewards.test';
    const cert = (await issue(request({ user_id: from }))).certificate;
    await c.emit(Events.UserMerged, { primaryUserId: to, secondaryUserId: from });
    await eventually(async () => { expect((await list(to)).active.map((x) => x.id)).toEqual([cert.id]); });
    expect(await list(from)).toEqual({ active: [], archival: [] });
    await c.emit(Events.UserDeleted, { userId: to });
    await eventually(async () => { expect(await list(to)).toEqual({ active: [], archival: [] }); });
  });

  it("participant.deleted removes its stores' certificates and leaves others", async () => {
    const other = request();
    other.item.store = { ...other.item.store, id: 8, participant_id: OTHER_PARTICIPANT };
    const kept = (await issue(other)).certificate;
    await c.emit(Events.ParticipantDeleted, { participantId: STORE_PARTICIPANT, requestId: 'r-9' });
    await eventually(async () => {
      expect(await c.count('SELECT count(*) FROM certificates.stores WHERE participant_id = $1', [STORE_PARTICIPANT])).toBe(0);
    });
    expect((await list()).active.map((x) => x.id)).toEqual([kept.id]);
  });
});
