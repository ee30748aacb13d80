import type { DeviceType } from '#libs/contracts';

export type ProviderName = 'fcm' | 'apns' | 'baidu';

/** Where one push goes: the device's token (and Baidu's channel id). */
export interface PushTarget { type: DeviceType; token: string; channel: string }

export interface PushMessage {
  /** Stable per message and device: APNs' apns-id, and what the logs name. */
  deliveryId: string;
  title: string;
  body: string;
  payload: Record<string, string>;
}

/** The provider took the message, or told us the device will never take one again. */
export type PushOutcome = { outcome: 'delivered' } | { outcome: 'dead'; reason: string; status: number };

/**
 * A push provider (FCM, APNs, Baidu): one adapter each, chosen by device type. `send` answers an
 * outcome or throws a PushProviderError saying whether trying again may help.
 */
export abstract class PushProvider {
  abstract readonly name: ProviderName;
  abstract readonly types: readonly DeviceType[];
  abstract send(target: PushTarget, message: PushMessage): Promise<PushOutcome>;
  async close(): Promise<void> {}
}

/** A refusal or failure of the provider, with its reason (provider's code) and what to do next. */
export class PushProviderError extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
    readonly status?: number,
    /** The provider's Retry-After, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(`push provider ${retryable ? 'failed' : 'refused'}: ${reason}${status ? ` (HTTP ${status})` : ''}`);
  }
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Errors below HTTP (refused connection, reset, timeout) are worth another try. */
export function networkError(error: unknown): PushProviderError {
  if (error instanceof PushProviderError) return error;
  const name = error instanceof Error ? (error.name === 'TimeoutError' || error.name === 'AbortError' ? 'timeout' : (error as NodeJS.ErrnoException).code ?? error.name) : 'error';
  return new PushProviderError(`network:${name}`, true);
}
