// Helpers of the journey suites: the whole system started once per file, driven as the apps
// (HTTP through the gateway) and the internal callers (message patterns) would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import type { ServiceName } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { http, type RunningSystem } from '../support/system.js';
import { withTicket } from '../support/trust-callers.js';

export { withTicket };
export const MODERATOR = 'moderator@example.com';

export interface Answer { status: number; body: any; headers: Headers }

/** HTTP through the gateway; fails the test with the answer when the status is not the expected one. */
export function caller(sys: RunningSystem) {
  return async (method: string, path: string, opts: { ticket?: string; apiKey?: string; body?: unknown; expect?: number | number[] } = {}): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (opts.ticket) Object.assign(headers, withTicket(opts.ticket));
    if (opts.apiKey) headers['x-api-key'] = opts.apiKey;
    const answer = await http(sys.baseUrl, method, path, { headers, body: opts.body });
    const expected = opts.expect === undefined ? [200] : [opts.expect].flat();
    if (!expected.includes(answer.status)) {
      throw new Error(`${method} ${path}: expected ${expected.join('/')}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 600)}`);
    }
    return answer;
  };
}

/** An internal service calling ours over the transport (as scan ingestion, wallets or shops do). */
export function internalCaller(sys: RunningSystem, caller = 'journey') {
  const clients = new Map<ServiceName, RedisStreamsClient>();
  const clientOf = (service: ServiceName) => {
    let c = clients.get(service);
    if (!c) clients.set(service, (c = new RedisStreamsClient({ url: sys.redisUrl, service, caller })));
    return c;
  };
  return {
    send: <T = any>(service: ServiceName, pattern: string, data: unknown) =>
      firstValueFrom(clientOf(service).send<T>(pattern, new StreamRecord(data)), { defaultValue: null as T }),
    /** The WireError a call fails with (fails the test if it succeeds). */
    fail: async (service: ServiceName, pattern: string, data: unknown) => {
      try {
        const answer = await firstValueFrom(clientOf(service).send(pattern, new StreamRecord(data)));
        throw new Error(`${pattern} succeeded unexpectedly: ${JSON.stringify(answer)}`);
      } catch (error) {
        if (error instanceof Error) throw error;
        return error as { kind: string; message: string; code?: string };
      }
    },
    close: async () => { await Promise.all([...clients.values()].map((c) => c.close())); },
  };
}

/** Every mail in the outbox to `to`, oldest first, as text (quoted-printable soft breaks joined). */
export function mailsTo(sys: RunningSystem, to: string): string[] {
  return readdirSync(sys.outboxDir).filter((f) => f.endsWith('.eml')).sort()
    .map((f) => readFileSync(join(sys.outboxDir, f), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='))
    .filter((m) => m.includes(`To: ${to}`));
}

/** The approve / reject links of the newest moderator mail about `userId`. */
export function moderatorLinks(sys: RunningSystem, userId: string): { approve: string; reject: string; mail: string } {
  const mail = mailsTo(sys, MODERATOR).filter((m) => m.includes(userId)).pop();
  if (!mail) throw new Error(`no moderator mail about ${userId}`);
  const link = (kind: string) => new URL(/(https?:\/\/\S+\/pending_participant\/[0-9a-f-]{36}\/(approve|reject))/.exec(mail.split(`${kind}: `)[1] ?? '')![1]).pathname;
  return { approve: link('Approve'), reject: link('Reject'), mail };
}

export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { return await check(); } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

let prefixes = 0;
/** A company prefix no other suite uses (7–13 digits). */
export const uniquePrefix = () => `9${String(Date.now()).slice(-8)}${String(process.pid % 100).padStart(2, '0')}${++prefixes}`.slice(0, 13);
