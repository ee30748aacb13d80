// A small load generator for the proof suites: named workers call the gateway in a loop until
// stopped and every answer is recorded (status, time, body), so a test can assert on each one
// afterwards. fetch is bounded by an abort timeout: a hang is recorded as status 0.
// Each loop starts a call at most every PACE_MS: a proof needs requests in flight when the fault
// strikes, not a saturated machine; an unpaced loop spins on instant
// refusals (thousands of 503s a second while Redis is down) and takes the CPU from every other
// suite. A slow answer is never followed by an extra wait, so a loop stays busy through a fault.

export interface Outcome {
  kind: string;
  status: number;
  ms: number;
  startedAt: number;
  body: any;
  requestId?: string;
  /** Worker-defined key of the write this answer belongs to (email, idempotency key...). */
  key?: string;
  error?: string;
}

export interface Answer { status: number; body: any; requestId?: string; key?: string }

export async function timedFetch(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 15_000) });
  const text = await res.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* not JSON: kept as text */ }
  return { status: res.status, body, requestId: res.headers.get('x-request-id') ?? undefined };
}

/** Calls a loop starts per second at most: 10, as each loop waits out the rest of 100 ms after a fast answer. */
export const PACE_MS = 100;

export class Load {
  readonly outcomes: Outcome[] = [];
  private stopping = false;
  private running: Promise<void>[] = [];

  /** Starts `concurrency` loops of `call`; `call(n)` gets a per-kind sequence number. */
  run(kind: string, concurrency: number, call: (n: number) => Promise<Answer>): void {
    let n = 0;
    for (let i = 0; i < concurrency; i++) {
      this.running.push((async () => {
        while (!this.stopping) {
          const startedAt = Date.now();
          try {
            const a = await call(n++);
            this.outcomes.push({ kind, startedAt, ms: Date.now() - startedAt, ...a });
          } catch (error) {
            this.outcomes.push({ kind, status: 0, body: null, startedAt, ms: Date.now() - startedAt, error: String(error) });
          }
          await this.pause(startedAt);
        }
      })());
    }
  }

  private async pause(startedAt: number): Promise<void> {
    const rest = startedAt + PACE_MS - Date.now();
    if (rest > 0 && !this.stopping) await sleep(rest);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  of(kind: string): Outcome[] { return this.outcomes.filter((o) => o.kind === kind); }

  /** "kind status" → count, for failure messages. */
  summary(): Record<string, number> {
    const s: Record<string, number> = {};
    for (const o of this.outcomes) s[`${o.kind} ${o.status}`] = (s[`${o.kind} ${o.status}`] ?? 0) + 1;
    return s;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it is true; resolves with the time it took, rejects after `timeoutMs`. */
export async function within(timeoutMs: number, probe: () => Promise<boolean>, what: string): Promise<number> {
  const start = Date.now();
  for (;;) {
    try { if (await probe()) return Date.now() - start; } catch { /* not yet */ }
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** Answers that are neither correct nor a clean refusal: a 5xx other than 503/504, a hang, a non-JSON error. */
export function unclean(outcomes: Outcome[]): Outcome[] {
  return outcomes.filter((o) => o.status === 0 || (o.status >= 500 && o.status !== 503 && o.status !== 504)
    || (o.status >= 400 && typeof o.body?.error !== 'string'));
}
