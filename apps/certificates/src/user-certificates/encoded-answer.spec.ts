import type { UserCertificateView } from '#libs/contracts';
import { encodeActiveArchival } from './encoded-answer.js';
import { splitActiveArchival } from './user-certificate-view.js';
import type { UserCertificateRow } from './user-certificate-row.js';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const links = { qrCode: (id: string, isActivated: boolean) => ({ image_url: `img/${id}?"q"`, is_activated: isActivated, private_image_url: `private/${id}` }) };

function row(id: string, archival: boolean, extra: Record<string, unknown> = {}): UserCertificateRow {
  const doc = { id, is_activated: archival, item: { name: 'Ünïcode "quoted" \\ \n', price: 1.5 }, promo_code: null, qr_code: null, text: 'qr_code":', attribute_values: [], ...extra };
  return { id, archival, doc: doc as unknown as UserCertificateView };
}

describe('encodeActiveArchival', () => {
  it('gives the same bytes as stringifying the split answer', () => {
    const rows = [row('n1', false), row('n2', true), row('n3', false, { activated_at: undefined }), row('n4', true)];
    const expected = JSON.stringify(splitActiveArchival(rows, links, NOW));
    expect(encodeActiveArchival(rows, links, NOW).bytes.toString()).toBe(expected);
    expect(encodeActiveArchival(rows, links, NOW).bytes.toString()).toBe(expected); // from the cached pieces
  });

  it('follows the QR links when they change (a new signing window, an activation)', () => {
    const rows = [row('n1', false)];
    encodeActiveArchival(rows, links, NOW);
    const later = { qrCode: (id: string, isActivated: boolean) => ({ image_url: `img/${id}`, is_activated: !isActivated, private_image_url: `private/${id}?w=2` }) };
    expect(encodeActiveArchival(rows, later, NOW).bytes.toString()).toBe(JSON.stringify(splitActiveArchival(rows, later, NOW)));
  });

  it('places the QR links last for a document without the key, and answers empty lists', () => {
    const bare = { id: 'x', is_activated: false } as unknown as UserCertificateView;
    const rows = [{ id: 'x', archival: false, doc: bare }];
    expect(encodeActiveArchival(rows, links, NOW).parse()).toEqual(splitActiveArchival(rows, links, NOW));
    expect(encodeActiveArchival([], links, NOW).bytes.toString()).toBe('{"active":[],"archival":[]}');
  });
});
