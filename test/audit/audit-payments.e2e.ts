// Money actions that reach Stripe (its stand-in): a charged paid period is recorded with its
// invoice, removing the card data is recorded once it is done; no record holds card data.
import { jest } from '@jest/globals';
import { firstValueFrom } from 'rxjs';
import { BillingPattern, type ParticipantSummary } from '#libs/contracts';
import { RedisStreamsClient } from '#libs/transport';
import { type SharedSystem, sharedSystem } from '../support/shared-system.js';
import { type SignedIn, signInSystemAdmin } from '../support/trust-callers.js';
import { act, allEvents, expectOk, recordedBy } from './audit-support.js';

jest.setTimeout(180_000);

const CARD = '4242424242424242';
let sys: SharedSystem;
let billing: RedisStreamsClient;
let admin: SignedIn;

beforeAll(async () => {
  sys = await sharedSystem();
  billing = new RedisStreamsClient({ url: sys.redisUrl, service: 'participants-billing', caller: 'rewards', timeoutMs: 20_000 });
  await billing.connect();
  admin = await signInSystemAdmin(sys);
});

afterAll(async () => {
  await billing?.close();
  await sys?.stop();
});

const call = <T = any>(pattern: string, data: unknown) => firstValueFrom(billing.send<T>(pattern, data));
const path = (id: string, tail: string) => `/identity-service/participants/participant/${encodeURIComponent(id)}${tail}`;

it('a charged paid period and the removal of the card are each recorded once, without card data', async () => {
  const { id } = await call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name: 'Audit Stripe', company_prefix: String(7_900_000 + Math.floor(Math.random() * 99_999)) });
  await call(BillingPattern.CustomerAttachCard, { participantId: id, card: { number: CARD, exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: '123' } });

  const paid = await act(sys, admin.ticket, 'PUT', path(id, '/payment'), { from_date: '2031-01-01', to_date: '2031-01-31', plan: 'basic' });
  expectOk('paid period', paid);
  const [period] = await recordedBy(sys, admin.ticket, paid, { target: id });
  expect(period).toMatchObject({ action: 'paid_period.set', actor: { user_id: admin.userId, ip: paid.ip }, after: { plan: 'basic', paid_from: '2031-01-01', paid_to: '2031-01-31' } });
  expect(period.after!.amount).toBeGreaterThan(0);
  expect(period.after!.payment_status).toBe('pending');
  expect(typeof period.after!.invoice_id).toBe('string');

  const removed = await act(sys, admin.ticket, 'DELETE', path(id, '/payment/customer'));
  expectOk('delete customer', removed);
  expect(removed.body).toMatchObject({ deleted: true });
  const [deletion] = await recordedBy(sys, admin.ticket, removed, { target: id });
  expect(deletion).toMatchObject({ action: 'payment_customer.delete', operation: 'DELETE', before: { payment_customer: true }, after: { payment_customer: false } });
  expectOk('delete again', await act(sys, admin.ticket, 'DELETE', path(id, '/payment/customer')));

  const trail = await allEvents(sys, admin.ticket, { target: id });
  expect(trail.map((e) => e.action)).toEqual(['payment_customer.delete', 'paid_period.set']);
  // Generated ids, times and invoice numbers left out: their digits may spell 4242 by chance.
  const generated = new Set(['id', 'time', 'request_id', 'invoice_id']);
  const text = JSON.stringify(trail, (key, value) => (generated.has(key) ? undefined : value));
  for (const secret of [CARD, CARD.slice(-4), '"123"', 'cvc', 'pm_', 'cus_']) expect(text).not.toContain(secret);
});
