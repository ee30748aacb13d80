import { deliveryJobId, deliveryOf, pushJobId, validPush } from './push-job.js';
import { Semaphore } from './semaphore.js';

const push = (messageId: string) => ({ messageId, userId: 'u1', title: 'T', body: 'B', payload: { type: 'timeline' } });

describe('push batches', () => {
  it('keeps valid pushes (payload values as strings) and drops what is not one', () => {
    expect(validPush({ ...push('rewards.outbox.1'), payload: { n: 2, s: 'x' } })).toEqual({ ...push('rewards.outbox.1'), payload: { n: '2', s: 'x' } });
    expect(validPush(null)).toBeUndefined();
    expect(validPush({ userId: 'u1', title: 'x' })).toBeUndefined();
    expect(validPush({ ...push('has spaces'), title: 'x' })).toBeUndefined();
    expect(validPush({ ...push('rewards.outbox.1'), body: 3 })).toBeUndefined();
  });

  it('names a job by its pushes and a delivery by message and device', () => {
    expect(pushJobId([push('a'), push('b')])).toBe(pushJobId([push('a'), push('b')]));
    expect(pushJobId([push('a'), push('b')])).not.toBe(pushJobId([push('a')]));
    expect(pushJobId([push('a')])).toMatch(/^b\.[0-9a-f]{32}$/);
    const device = { type: 'gcm' as const, token: 't', channel: '' };
    expect(deliveryOf(push('a'), device)).toMatchObject({ id: deliveryJobId('a', device), messageId: 'a', userId: 'u1', token: 't' });
  });

  it('runs at most `limit` at once and all of them in the end', async () => {
    const limit = new Semaphore(3);
    let active = 0;
    let most = 0;
    const done = await Promise.all(Array.from({ length: 20 }, (_, i) => limit.run(async () => {
      active += 1;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 1 + (i % 3)));
      active -= 1;
      if (i === 5) throw new Error('one fails');
      return i;
    }).catch(() => -1)));
    expect(most).toBe(3);
    expect(done.filter((x) => x >= 0)).toHaveLength(19);
    expect(active).toBe(0);
  });
});
