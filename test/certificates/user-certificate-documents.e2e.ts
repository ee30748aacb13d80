// GET /users/certificates answers documents kept per certificate: every writer that changes what
// a document shows (issue, activation, a later issue changing its store, item, promo code or
// round) must leave it equal to a document built afresh from the rows it shows.
import type { IssueUserCertificateDto, IssueUserCertificateResult, UserCertificateView, UserCertificatesAnswer } from '#libs/contracts';
import { CertificatesPattern } from '#libs/contracts';
import { signQrToken } from '../../apps/certificates/src/qr-codes/qr-token.js';
import { type CertificatesHarness, QR_SECRET, session, startCertificates } from './certificates-process.js';

const STORE_PARTICIPANT = 'urn:authenticateit:participant:301';
const hour = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

let c: CertificatesHarness;
let n = 0;

function request(user: string, shared: { store?: number; item?: string; promo?: string; round?: string } = {}): IssueUserCertificateDto {
  n += 1;
  return {
    issue_key: `doc-${n}`,
    user_id: user,
    item: {
      id: shared.item ?? `doc-item-${n}`, name: 'Concert', platform_price: 12.5, price: 10, sku: 'SKU',
      start_time: at(-hour), end_time: at(24 * hour), duration: 90, event_type: 'concert', assets: [],
      participants_limit: 100, location: { address: '10 Queens Rd', country: 'AU', city: 'Melbourne' },
      store: { id: shared.store ?? 1000 + n, participant_id: STORE_PARTICIPANT, name: 'Store', is_blogger: false, seller_type: 'shop', logo_url: null },
    },
    promo_code: { id: shared.promo ?? `doc-promo-${n}`, promo_code: 'PROMO', discount_percent: 15, expired_at: at(48 * hour), is_for_winner: false },
    round: { id: shared.round ?? `doc-round-${n}`, uniq_id: 'R-1' },
    text: `Certificate ${n}`,
    attribute_values: [],
  };
}

const activate = (id: string) => c.call<UserCertificateView>(CertificatesPattern.QrActivate, { params: { token: signQrToken(QR_SECRET, 'activate', id) } },
  { session: session('urn:authenticateit:user:email:cashier@store.test', STORE_PARTICIPANT) });
const issue = async (req: IssueUserCertificateDto) => (await c.send<IssueUserCertificateResult>(CertificatesPattern.UserIssue, req)).certificate;
const list = (user: string) => c.call<UserCertificatesAnswer>(CertificatesPattern.UserList, {}, { session: session(user, 'urn:authenticateit:participant:999') });
const byId = (answer: UserCertificatesAnswer, id: string) => [...answer.active, ...answer.archival].find((x) => x.id === id);

/** Certificates whose stored document differs from one built now from the rows it shows. */
async function staleDocuments(): Promise<number> {
  const { VIEW_DOCUMENT, VIEW_JOINS, VIEW_ARCHIVAL_AT } = await import('../../apps/certificates/src/user-certificates/user-certificate-row.js');
  return c.count(`SELECT count(*) FROM certificates.user_certificates c ${VIEW_JOINS}
    WHERE c.view::text <> (${VIEW_DOCUMENT})::text OR c.archival_at IS DISTINCT FROM ${VIEW_ARCHIVAL_AT}`);
}

beforeAll(async () => { c = await startCertificates(); });
afterAll(async () => { await c?.stop(); });

describe('certificate documents', () => {
  it('show the store, item, promo code and round as a later issue changed them', async () => {
    const holder = 'urn:authenticateit:user:email:doc-holder@rewards.test';
    const other = 'urn:authenticateit:user:email:doc-other@rewards.test';
    const first = request(holder);
    const cert = await issue(first);
    const shared = { store: first.item.store.id, item: first.item.id, promo: first.promo_code!.id, round: first.round!.id };
    await list(holder); // cached by the replica at this version

    const changed = request(other, shared);
    changed.item = { ...changed.item, name: 'Concert (moved)', price: 20, end_time: at(-hour), store: { ...changed.item.store, name: 'Store renamed', logo_url: 'https://cdn.test/s.png' } };
    changed.promo_code = { ...changed.promo_code!, discount_percent: 30 };
    changed.round = { ...changed.round!, uniq_id: 'R-2' };
    await issue(changed);

    const after = byId(await list(holder), cert.id)!;
    expect(after.item).toMatchObject({ name: 'Concert (moved)', price: 20, format_price: '20.00', store: { name: 'Store renamed', logo_url: 'https://cdn.test/s.png' } });
    expect(after.promo_code).toMatchObject({ discount_percent: 30 });
    expect(after.round).toEqual({ id: shared.round, uniq_id: 'R-2' });
    // The item has ended meanwhile: the certificate moved to the archival list.
    expect((await list(holder)).archival.map((x) => x.id)).toEqual([cert.id]);
    expect(await staleDocuments()).toBe(0);
  });

  it('an issue repeating unchanged catalogue rows writes none of them', async () => {
    const holder = 'urn:authenticateit:user:email:doc-same@rewards.test';
    const first = request(holder);
    await issue(first);
    const stamp = () => c.db.query('SELECT xmin::text AS x FROM certificates.stores WHERE id = $1', [first.item.store.id]).then((r) => r.rows[0].x);
    const before = await stamp();
    await issue({ ...request(holder, { store: first.item.store.id }), item: { ...first.item, id: `doc-item-${n}-b` } });
    expect(await stamp()).toBe(before);
    expect(await staleDocuments()).toBe(0);
  });

  it('an activation shows in the stored document', async () => {
    const holder = 'urn:authenticateit:user:email:doc-activated@rewards.test';
    const cert = await issue(request(holder));
    expect((await list(holder)).active.map((x) => x.id)).toEqual([cert.id]);
    await activate(cert.id);
    const answer = await list(holder);
    expect(answer.active).toEqual([]);
    expect(answer.archival[0]).toMatchObject({ id: cert.id, is_activated: true, activated_at: expect.stringMatching(/Z$/), qr_code: { is_activated: true } });
    expect(await staleDocuments()).toBe(0);
  });

  it('a list read while certificates are activated answers each as one snapshot showed it', async () => {
    const holder = 'urn:authenticateit:user:email:doc-race@rewards.test';
    const certs: UserCertificateView[] = [];
    for (let i = 0; i < 20; i++) certs.push(await issue(request(holder)));
    await list(holder);
    const reads: Promise<UserCertificatesAnswer>[] = [];
    for (const cert of certs) {
      reads.push(list(holder));
      await Promise.all([activate(cert.id), list(holder).then((a) => reads.push(Promise.resolve(a)))]);
    }
    for (const answer of await Promise.all(reads)) {
      expect(answer.active.length + answer.archival.length).toBe(certs.length);
      expect(answer.active.every((x) => !x.is_activated && !x.qr_code.is_activated)).toBe(true);
      expect(answer.archival.every((x) => x.is_activated && x.activated_at !== null)).toBe(true);
    }
    expect(await staleDocuments()).toBe(0);
  });
});
