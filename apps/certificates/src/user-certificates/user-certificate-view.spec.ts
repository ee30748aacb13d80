import type { UserCertificateView } from '#libs/contracts';
import { isArchival, splitActiveArchival } from './user-certificate-view.js';
import type { UserCertificateRow } from './user-certificate-row.js';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const links = { qrCode: (id: string, isActivated: boolean) => ({ image_url: `img/${id}`, is_activated: isActivated, private_image_url: `private/${id}` }) };

function row(id: string, archival: boolean): UserCertificateRow {
  const doc = { id, is_activated: archival, item: {}, promo_code: null, round: null, activated_at: null, qr_code: null, text: null, attribute_values: [] };
  return { id, archival, doc: doc as unknown as UserCertificateView };
}

describe('isArchival', () => {
  const facts = { is_activated: false, end_time: null, expired_at: null };
  it('is archival once activated, the item ended or the promo code expired', () => {
    expect(isArchival(facts, NOW)).toBe(false);
    expect(isArchival({ ...facts, is_activated: true }, NOW)).toBe(true);
    expect(isArchival({ ...facts, end_time: new Date(NOW) }, NOW)).toBe(true);
    expect(isArchival({ ...facts, end_time: new Date(NOW + 1) }, NOW)).toBe(false);
    expect(isArchival({ ...facts, expired_at: new Date(NOW - 1) }, NOW)).toBe(true);
  });
});

describe('splitActiveArchival', () => {
  it('keeps the incoming (newest first) order in both lists', () => {
    const answer = splitActiveArchival([row('n1', false), row('n2', true), row('n3', false), row('n4', true)], links, NOW);
    expect(answer.active.map((c) => c.id)).toEqual(['n1', 'n3']);
    expect(answer.archival.map((c) => c.id)).toEqual(['n2', 'n4']);
  });
  it('fills the QR links in the place of the doc', () => {
    const [view] = splitActiveArchival([row('x', false)], links, NOW).active;
    expect(view.qr_code).toEqual({ image_url: 'img/x', is_activated: false, private_image_url: 'private/x' });
    expect(Object.keys(view)).toEqual(['id', 'is_activated', 'item', 'promo_code', 'round', 'activated_at', 'qr_code', 'text', 'attribute_values']);
  });
});
