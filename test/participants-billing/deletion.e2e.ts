import { jest } from '@jest/globals';
import type { ParticipantSummary } from '#libs/contracts';
import { type BillingService, type StripeStandin, coins, createDatabase, startBilling, startStripeStandin } from './support/harness.js';
import { BillingPattern, Events } from '#libs/contracts';
import { type EventTap, tapEvents } from '../support/event-tap.js';

// Starts real processes: more than jest's default 5 s per hook/test.
jest.setTimeout(90_000);

type Db = Awaited<ReturnType<typeof createDatabase>>;
let db: Db;
let stripe: StripeStandin;
let billing: BillingService;
let tap: EventTap;

beforeAll(async () => {
  db = await createDatabase();
  stripe = await startStripeStandin();
  tap = await tapEvents(process.env.TEST_REDIS_URL!, [Events.ParticipantDeleted]);
  billing = await startBilling(db.url, stripe.base);
});

afterAll(async () => {
  await tap?.stop();
  await billing?.stop();
  await stripe?.stop();
  await db?.close();
});

/** `participant.deleted` events emitted while this suite runs (its own tap). */
async function deletedEvents(participantId: string): Promise<Record<string, unknown>[]> {
  return (await tap.events(Events.ParticipantDeleted)).map((e) => e.data).filter((d) => d.participantId === participantId);
}

describe('DELETE /participants/participant/:id', () => {
  it('deletes billing data, emits participant.deleted, and is done when every service acknowledged', async () => {
    const p = await billing.call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name: 'Doomed', company_prefix: '5000001' });
    await billing.call(BillingPattern.DepositCredit, { participantId: p.id, amount: coins(3), idempotencyKey: 'c' });
    await billing.call(BillingPattern.CustomerAttachCard, { participantId: p.id, card: { number: '4242424242424242', exp_month: 1, exp_year: 2099, cvc: '123' } });
    const customerId = (await billing.http(BillingPattern.ParticipantGet, { params: { id: p.id } })).billing.stripe_customer;

    const first = await billing.http(BillingPattern.ParticipantDelete, { params: { id: p.id } });
    expect(first).toMatchObject({ $http: true, status: 202, body: { status: 'in_progress', request_id: expect.any(String), participant_id: p.id, acknowledged: [] } });
    const requestId = first.body.request_id as string;
    expect(await deletedEvents(p.id)).toEqual([{ participantId: p.id, requestId }]);

    // Billing's own part is done at once.
    expect(await billing.fails(billing.http(BillingPattern.ParticipantGet, { params: { id: p.id } }))).toMatchObject({ kind: 'not_found' });
    expect((await billing.http(BillingPattern.ParticipantsList, { body: { id: p.id } })).count).toBe(0);
    expect(await billing.http(BillingPattern.PrefixCheck, { body: { prefix: '5000001' } })).toMatchObject({ available: true });
    expect(await billing.call(BillingPattern.ParticipantsSummaries, { ids: [p.id] })).toEqual([]);
    expect((await stripe.state()).deleted_customers).toContain(customerId);
    expect(await billing.fails(billing.call(BillingPattern.DepositCharge, { participantId: p.id, amount: '1', idempotencyKey: 'x' }))).toMatchObject({ kind: 'not_found' });

    // Asking again: same request, event sent again for services that missed it.
    const again = await billing.http(BillingPattern.ParticipantDelete, { params: { id: p.id } });
    expect(again.body.request_id).toBe(requestId);
    expect(await deletedEvents(p.id)).toHaveLength(2);

    expect(await billing.call(BillingPattern.ParticipantDeletionAck, { requestId, service: 'identity' })).toMatchObject({ status: 'in_progress', acknowledged: ['identity'] });
    expect(await billing.call(BillingPattern.ParticipantDeletionAck, { requestId, service: 'identity' })).toMatchObject({ acknowledged: ['identity'] });
    expect(await billing.call(BillingPattern.ParticipantDeletionAck, { requestId, service: 'rewards' })).toMatchObject({ status: 'in_progress' });
    expect(await billing.call(BillingPattern.ParticipantDeletionStatus, { requestId })).toMatchObject({ status: 'in_progress', acknowledged: ['identity', 'rewards'] });
    expect(await billing.call(BillingPattern.ParticipantDeletionAck, { requestId, service: 'certificates' })).toMatchObject({ status: 'done' });

    // Done: a plain 200 answer, no further event.
    expect(await billing.http(BillingPattern.ParticipantDelete, { params: { id: p.id } }))
      .toEqual({ status: 'done', request_id: requestId, participant_id: p.id, acknowledged: ['certificates', 'identity', 'rewards'] });
    expect(await deletedEvents(p.id)).toHaveLength(2);
  });

  it('answers one request id to concurrent deletes', async () => {
    const p = await billing.call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name: 'Raced', company_prefix: '5000002' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => billing.http(BillingPattern.ParticipantDelete, { params: { id: p.id } })));
    expect(new Set(answers.map((a) => a.body.request_id)).size).toBe(1);
    const rows = await db.query(`SELECT count(*)::int AS n FROM participants_billing.deletion_requests WHERE participant_id = $1`, [p.id]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('rejects unknown participants, requests and services', async () => {
    expect(await billing.fails(billing.http(BillingPattern.ParticipantDelete, { params: { id: 'urn:authenticateit:participant:31337' } }))).toMatchObject({ kind: 'not_found' });
    expect(await billing.fails(billing.call(BillingPattern.ParticipantDeletionStatus, { requestId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ kind: 'not_found' });
    expect(await billing.fails(billing.call(BillingPattern.ParticipantDeletionAck, { requestId: '00000000-0000-4000-8000-000000000000', service: 'mailer' })))
      .toMatchObject({ kind: 'invalid_input' });
  });
});
