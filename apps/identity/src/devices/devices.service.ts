import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions.js';
import { DevicesRepository } from './devices.repository.js';
import { type DeviceType, RemoveDeviceDto, SetDeviceDto } from '#libs/contracts';

export interface DeviceView { id: string; type: string; channel?: string }
/** A device as push delivery sees it (channel '' except for baidu). */
export interface DeviceKey { type: DeviceType; token: string; channel: string }

/**
 * Push targets per user. A token belongs to one app install, so to one user at a time: when a
 * phone changes hands and the new user signs in, set_device_id moves the token to the caller, and
 * from then on only the caller gets pushes on it (deliveries queued for the previous user check
 * ownership and are dropped).
 */
@Injectable()
export class DevicesService {
  constructor(private readonly devices: DevicesRepository, private readonly transactions: Transactions) {}

  async set(userId: string, dto: SetDeviceDto): Promise<Record<string, never>> {
    const channel = dto.type === 'baidu' ? dto.channel! : '';
    await this.transactions.run(async (tx) => {
      if (dto.old_id !== undefined) await this.devices.deleteOwn(userId, dto.old_id, dto.old_channel, tx);
      await this.devices.upsert(tx, { type: dto.type, deviceId: dto.id, channel, userId });
    });
    return {};
  }

  async remove(userId: string, dto: RemoveDeviceDto): Promise<Record<string, never>> {
    await this.devices.deleteOwn(userId, dto.id, dto.channel);
    return {};
  }

  /** The devices of each of `userIds` (one statement for many users: push delivery asks per batch). */
  async pushTargetsOf(userIds: string[]): Promise<Map<string, DeviceKey[]>> {
    const rows = await this.devices.ofUsers(userIds);
    const byUser = new Map<string, DeviceKey[]>();
    for (const r of rows) {
      const devices = byUser.get(r.user_id) ?? [];
      devices.push({ type: r.type, token: r.device_id, channel: r.channel });
      byUser.set(r.user_id, devices);
    }
    return byUser;
  }

  /** The provider said the app is gone from this device; only the user's own row is removed. */
  async removeDead(userId: string, device: DeviceKey): Promise<boolean> {
    return this.devices.deleteExact(userId, device);
  }

  /** For push delivery. */
  async listFor(userId: string): Promise<DeviceView[]> {
    const rows = await this.devices.listForUser(userId);
    return rows.map((d) => ({ id: d.deviceId, type: d.type, ...(d.channel ? { channel: d.channel } : {}) }));
  }
}
