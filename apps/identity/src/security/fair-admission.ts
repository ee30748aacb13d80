/** Why a job was not admitted: the gateway answers 503 with Retry-After. */
export class AdmissionRefused extends Error {
  constructor(readonly reason: 'queue_full' | 'waited_too_long') {
    super(`admission refused: ${reason}`);
  }
}

export interface FairAdmissionOptions {
  /** Jobs running at once. */
  concurrency: number;
  /** Jobs waiting at once, all clients together. */
  maxQueued: number;
  /** Jobs waiting at once for one client (key). */
  maxQueuedPerKey: number;
  /** A job still waiting after this long is refused. */
  maxWaitMs: number;
}

interface Waiter { start: () => void; timer?: NodeJS.Timeout }

/**
 * Bounded concurrency with a short, fair waiting line: waiting jobs are grouped by key (the
 * client IP) and served round-robin, so one client's flood waits behind itself, not in front of
 * everybody else. A full line or a long wait refuses at once instead of piling up (the caller
 * would time out anyway). p-limit and p-queue bound concurrency but serve in arrival order only.
 */
export class FairAdmission {
  private running = 0;
  private queued = 0;
  /** Insertion order is the round-robin order: a served key moves to the end. */
  private readonly lines = new Map<string, Waiter[]>();

  constructor(private readonly options: FairAdmissionOptions) {}

  async run<T>(key: string, job: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.concurrency || this.queued > 0) await this.wait(key);
    else this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.next();
    }
  }

  /** Jobs running and waiting now (for metrics and tests). */
  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queued };
  }

  private wait(key: string): Promise<void> {
    const line = this.lines.get(key) ?? [];
    if (this.queued >= this.options.maxQueued || line.length >= this.options.maxQueuedPerKey) {
      return Promise.reject(new AdmissionRefused('queue_full'));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { start: () => { clearTimeout(waiter.timer); resolve(); } };
      waiter.timer = setTimeout(() => {
        this.remove(key, waiter);
        reject(new AdmissionRefused('waited_too_long'));
      }, this.options.maxWaitMs);
      line.push(waiter);
      this.lines.set(key, line);
      this.queued++;
      this.next();
    });
  }

  private next(): void {
    if (this.running >= this.options.concurrency) return;
    const first = this.lines.entries().next();
    if (first.done) return;
    const [key, line] = first.value;
    const waiter = line.shift()!;
    this.lines.delete(key);
    if (line.length > 0) this.lines.set(key, line);
    this.queued--;
    this.running++;
    waiter.start();
  }

  private remove(key: string, waiter: Waiter): void {
    const line = this.lines.get(key);
    const at = line?.indexOf(waiter) ?? -1;
    if (!line || at < 0) return;
    line.splice(at, 1);
    this.queued--;
    if (line.length === 0) this.lines.delete(key);
  }
}
