import { AdmissionRefused, FairAdmission } from './fair-admission.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A job that records when it ran and holds its slot until released. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => { open = r; });
  return { open, job: async () => { await opened; } };
}

describe('FairAdmission', () => {
  it('runs at most `concurrency` jobs at once', async () => {
    const admission = new FairAdmission({ concurrency: 2, maxQueued: 100, maxQueuedPerKey: 100, maxWaitMs: 5000 });
    let running = 0;
    let peak = 0;
    const job = async () => { running++; peak = Math.max(peak, running); await sleep(5); running--; };
    await Promise.all(Array.from({ length: 20 }, (_, i) => admission.run(`k${i % 3}`, job)));
    expect(peak).toBe(2);
    expect(admission.load).toEqual({ running: 0, queued: 0 });
  });

  it("serves waiting clients round-robin: one client's flood does not delay another's job", async () => {
    const admission = new FairAdmission({ concurrency: 1, maxQueued: 100, maxQueuedPerKey: 100, maxWaitMs: 5000 });
    const order: string[] = [];
    const first = gate();
    const held = admission.run('flood', first.job);
    const flood = Array.from({ length: 10 }, (_, i) => admission.run('flood', async () => { order.push(`flood${i}`); }));
    const legit = admission.run('legit', async () => { order.push('legit'); });
    first.open();
    await Promise.all([held, legit, ...flood]);
    expect(order.indexOf('legit')).toBe(1);
  });

  it('refuses at once when the line is full, overall or for one client', async () => {
    const admission = new FairAdmission({ concurrency: 1, maxQueued: 3, maxQueuedPerKey: 2, maxWaitMs: 5000 });
    const first = gate();
    const held = admission.run('a', first.job);
    const waiting = [admission.run('a', async () => 1), admission.run('a', async () => 2)];
    await expect(admission.run('a', async () => 3)).rejects.toEqual(new AdmissionRefused('queue_full'));
    const other = admission.run('b', async () => 4);
    await expect(admission.run('c', async () => 5)).rejects.toEqual(new AdmissionRefused('queue_full'));
    first.open();
    expect(await Promise.all([...waiting, other])).toEqual([1, 2, 4]);
    await held;
  });

  it('refuses a job that waited longer than maxWaitMs, and the line keeps going', async () => {
    const admission = new FairAdmission({ concurrency: 1, maxQueued: 10, maxQueuedPerKey: 10, maxWaitMs: 30 });
    const first = gate();
    const held = admission.run('a', first.job);
    await expect(admission.run('b', async () => 'late')).rejects.toEqual(new AdmissionRefused('waited_too_long'));
    expect(admission.load.queued).toBe(0);
    first.open();
    await held;
    expect(await admission.run('b', async () => 'now')).toBe('now');
  });

  it('frees the slot of a job that throws', async () => {
    const admission = new FairAdmission({ concurrency: 1, maxQueued: 10, maxQueuedPerKey: 10, maxWaitMs: 1000 });
    await expect(admission.run('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await admission.run('a', async () => 'ok')).toBe('ok');
  });
});
