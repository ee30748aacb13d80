/**
 * Redis key and channel names of the transport. `prefix` isolates deployments (and test files)
 * sharing one Redis.
 */
export class TransportKeys {
  constructor(readonly prefix = '') {}

  /** Request stream of a service; its replicas share consumer group `<service>`. */
  requests(service: string): string { return `${this.prefix}rq:${service}`; }
  /** Event stream of a pattern; every subscribing service has its own group on it. */
  events(pattern: string): string { return `${this.prefix}ev:${pattern}`; }
  /** Dead-letter stream of a service. */
  deadLetter(service: string): string { return `${this.prefix}dlq:${service}`; }
  /** Sorted set replicaId → last heartbeat (epoch ms). */
  alive(service: string): string { return `${this.prefix}alive:${service}`; }
  /** Pub/sub channel where replies to one client instance are published. */
  replies(clientId: string): string { return `${this.prefix}rp:${clientId}`; }
  /** Hash `<stream>|<id>` → last handler error, read when a message is dead-lettered. */
  failures(service: string): string { return `${this.prefix}fail:${service}`; }
}
