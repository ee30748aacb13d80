import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import type { MessageHeaders, ServiceName } from '#libs/contracts';
import { InjectTransportClient, RedisStreamsClient, StreamRecord } from '#libs/transport';
import { GatewayEnv } from '../config/gateway-env.js';

/**
 * One long-lived RedisStreamsClient per target service (created by TransportClientsModule),
 * looked up by name on the hot path; every request carries the gateway's deadline.
 */
@Injectable()
export class ServiceClients implements OnApplicationBootstrap {
  private readonly clients: Record<ServiceName, RedisStreamsClient>;
  private readonly recordOptions: { timeoutMs: number };
  private readonly relayOptions: { timeoutMs: number; rawJson: true };

  constructor(
    env: GatewayEnv,
    @InjectTransportClient('identity') identity: RedisStreamsClient,
    @InjectTransportClient('rewards') rewards: RedisStreamsClient,
    @InjectTransportClient('participants-billing') billing: RedisStreamsClient,
    @InjectTransportClient('certificates') certificates: RedisStreamsClient,
  ) {
    this.clients = { identity, rewards, 'participants-billing': billing, certificates };
    this.recordOptions = { timeoutMs: env.REQUEST_TIMEOUT_MS };
    this.relayOptions = { timeoutMs: env.REQUEST_TIMEOUT_MS, rawJson: true };
  }

  /** Connects every client before the port opens, so the first requests pay no connection setup. */
  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(Object.values(this.clients).map((client) => client.connect()));
  }

  /** Request/reply; rejects with the WireError the transport delivers. */
  send<T = unknown>(service: ServiceName, pattern: string, data: unknown, headers: MessageHeaders): Promise<T> {
    return this.request<T>(service, pattern, new StreamRecord(data, headers, this.recordOptions));
  }

  /** Like send, for answers relayed to HTTP as they are: an answer the service sent encoded arrives as RawJson (its bytes), not parsed. */
  relay(service: ServiceName, pattern: string, data: unknown, headers: MessageHeaders): Promise<unknown> {
    return this.request(service, pattern, new StreamRecord(data, headers, this.relayOptions));
  }

  private request<T>(service: ServiceName, pattern: string, record: StreamRecord): Promise<T> {
    return firstValueFrom(this.clients[service].send<T>(pattern, record), { defaultValue: null as T });
  }
}
