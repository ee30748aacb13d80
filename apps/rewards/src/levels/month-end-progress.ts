import type { Logger } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import type { MonthEndProgress } from './month-end.js';

/** Log lines of a running month-end: the first batch, then at most this often (the job logs its result when done). */
const LOG_EVERY_MS = 5000;

/**
 * A month-end run's progress as Prometheus gauges (rewards_month_end_users_done, _users_total,
 * _users_per_second, _eta_seconds, _running) on the process's /metrics, and as a log line every
 * few seconds: users done / total, rate, ETA.
 */
export class MonthEndProgressReporter {
  private readonly done: Gauge;
  private readonly total: Gauge;
  private readonly rate: Gauge;
  private readonly eta: Gauge;
  private readonly running: Gauge;
  private lastLog = 0;

  constructor(registry: Registry, private readonly logger: Pick<Logger, 'log'>) {
    const gauge = (name: string, help: string) => new Gauge({ name: `rewards_month_end_${name}`, help, registers: [registry] });
    this.done = gauge('users_done', 'Users the running (or last) month-end recomputation has done');
    this.total = gauge('users_total', 'Users due when the running (or last) month-end recomputation started');
    this.rate = gauge('users_per_second', 'Users per second of the running (or last) month-end recomputation');
    this.eta = gauge('eta_seconds', 'Seconds the running month-end recomputation still needs at its rate so far (0 when done)');
    this.running = gauge('running', '1 while a month-end recomputation runs');
  }

  started(): void {
    this.running.set(1);
    this.done.set(0);
    this.eta.set(0);
    this.lastLog = 0; // the first batch logs: the total and the first rate
  }

  /** The callback for recomputeMonthEnd's `onProgress`. */
  readonly progress = (p: MonthEndProgress): void => {
    this.done.set(p.done);
    this.total.set(p.total);
    this.rate.set(Math.round(p.usersPerSecond));
    this.eta.set(p.etaSeconds === null ? 0 : Math.round(p.etaSeconds));
    const now = Date.now();
    if (p.done === 0 || now - this.lastLog < LOG_EVERY_MS) return;
    this.lastLog = now;
    this.logger.log(`month-end progress: ${describe(p)}`);
  };

  finished(): void {
    this.running.set(0);
    this.eta.set(0);
  }
}

/** "412,000 / 1,000,000 users (41.2 %), 25,310 users/s, ETA 23 s". */
export function describe(p: MonthEndProgress): string {
  const pct = p.total > 0 ? ((100 * p.done) / p.total).toFixed(1) : '100.0';
  const eta = p.etaSeconds === null ? 'unknown' : `${Math.ceil(p.etaSeconds)} s`;
  return `${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} users (${pct} %), ${Math.round(p.usersPerSecond).toLocaleString('en')} users/s, ETA ${eta}`;
}
