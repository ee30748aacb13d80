import { createHash } from 'node:crypto';
import type { PushRequest } from '#libs/contracts';
import type { DeviceKey } from '../devices/devices.service.js';

/** One delivery: one message to one device of its user. */
export interface Delivery extends DeviceKey {
  /** `deliveryJobId(messageId, device)`, computed once. */
  id: string;
  messageId: string;
  userId: string;
  title: string;
  body: string;
  payload: Record<string, string>;
}

/**
 * One BullMQ job: the pushes of (part of) one push.requested event, to every device their users
 * have when the job runs; or, for a retry, the deliveries that failed with a retryable error.
 * `owner` (random per job and kept by its retries) is what the job claims its deliveries with.
 */
export interface PushJobData {
  owner: string;
  /** The first job's id: retries are `<root>.r<attempt>`. */
  root: string;
  /** Attempt number of the deliveries in this job (1 for the first). */
  attempt: number;
  pushes?: PushRequest[];
  deliveries?: Delivery[];
}

const MESSAGE_ID = /^[A-Za-z0-9._-]{1,120}$/;

/** The push as delivered (payload values as strings), or undefined when it is not a push. */
export function validPush(value: unknown): PushRequest | undefined {
  const p = value as Partial<PushRequest> | null;
  if (typeof p !== 'object' || p === null || typeof p.messageId !== 'string' || !MESSAGE_ID.test(p.messageId)
    || typeof p.userId !== 'string' || typeof p.title !== 'string' || typeof p.body !== 'string') return undefined;
  const payload = Object.fromEntries(Object.entries(p.payload ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  return { messageId: p.messageId, userId: p.userId, title: p.title, body: p.body, payload };
}

/** Short, fixed-length name of a device (tokens can be 4 kB; BullMQ ids may not hold ':'). */
export const deviceHash = (d: DeviceKey): string => createHash('sha256').update(`${d.type}\n${d.token}\n${d.channel}`).digest('hex').slice(0, 32);

/** `<messageId>.<device>`: what a delivery is claimed by (at most one delivery per id). */
export const deliveryJobId = (messageId: string, device: DeviceKey): string => `${messageId}.${deviceHash(device)}`;

/** The first job of some pushes: the same pushes give the same id, so a redelivered event adds nothing while the job is kept. */
export const pushJobId = (pushes: PushRequest[]): string => {
  const hash = createHash('sha256');
  for (const p of pushes) hash.update(`${p.messageId}\n`);
  return `b.${hash.digest('hex').slice(0, 32)}`;
};

/** A UUID made from the delivery id (APNs wants apns-id as a UUID; the same delivery keeps it on every try). */
export function deliveryUuid(jobId: string): string {
  const h = createHash('sha256').update(jobId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const deliveryOf = (push: PushRequest, device: DeviceKey, id = deliveryJobId(push.messageId, device)): Delivery => ({
  id, messageId: push.messageId, userId: push.userId, title: push.title, body: push.body, payload: push.payload, ...device,
});
