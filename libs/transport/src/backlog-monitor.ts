import type { RedisClient } from '#libs/redis';
import { DEFAULTS } from './defaults.js';

const WARN_EVERY_MS = 60_000;
const REDECLARE_EVERY_MS = 10 * 60_000;

/**
 * Watches how much work waits in this service's streams. Entries leave a stream once handled, so
 * its length is the backlog: a group that falls behind (or was down) shows here, and above
 * `warnAt` a warning is logged (once a minute per stream). Also renews the subscription
 * declarations, so emitters keep writing our copies.
 */
export class BacklogMonitor {
  private timer?: NodeJS.Timeout;
  private readonly lastWarned = new Map<string, number>();
  private lastDeclared = Date.now();
  /** Last measured length per stream (read by metrics). */
  readonly lengths = new Map<string, number>();

  constructor(
    private readonly redis: RedisClient,
    private readonly streams: readonly string[],
    private readonly warnAt: number,
    private readonly warn: (message: string) => void,
    private readonly redeclare: () => Promise<void>,
  ) {}

  start(): void {
    void this.check().catch(() => undefined); // a replica starting after an outage reports its backlog at once
    this.timer = setInterval(() => void this.check().catch(() => undefined), DEFAULTS.backlogCheckMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async check(): Promise<void> {
    const lengths = await Promise.all(this.streams.map((s) => this.redis.xlen(s)));
    const now = Date.now();
    this.streams.forEach((stream, i) => {
      this.lengths.set(stream, lengths[i]);
      if (lengths[i] <= this.warnAt || now - (this.lastWarned.get(stream) ?? 0) < WARN_EVERY_MS) return;
      this.lastWarned.set(stream, now);
      this.warn(`${stream} has ${lengths[i]} entries waiting (warning above ${this.warnAt}): this service is falling behind`);
    });
    if (now - this.lastDeclared > REDECLARE_EVERY_MS) {
      this.lastDeclared = now;
      await this.redeclare();
    }
  }
}
