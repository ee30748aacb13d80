import { createHash } from 'node:crypto';
import type { PushRequestedEvent } from '#libs/contracts';
import type { DeviceKey } from '../devices/devices.service.js';

/** One delivery: one message to one device of its user. */
export interface PushJobData extends DeviceKey {
  messageId: string;
  userId: string;
  title: string;
  body: string;
  payload: Record<string, string>;
}

/** Short, fixed-length name of a device (tokens can be 4 kB; BullMQ ids may not hold ':'). */
export const deviceHash = (d: DeviceKey): string => createHash('sha256').update(`${d.type}\n${d.token}\n${d.channel}`).digest('hex').slice(0, 32);

/** `<messageId>.<device>`: BullMQ keeps one job per id, so a repeated event adds nothing. */
export const deliveryJobId = (messageId: string, device: DeviceKey): string => `${messageId}.${deviceHash(device)}`;

/** A UUID made from the delivery id (APNs wants apns-id as a UUID; the same delivery keeps it on every try). */
export function deliveryUuid(jobId: string): string {
  const h = createHash('sha256').update(jobId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const jobDataFor = (event: PushRequestedEvent, device: DeviceKey): PushJobData => ({
  messageId: event.messageId, userId: event.userId, title: event.title, body: event.body, payload: event.payload, ...device,
});
