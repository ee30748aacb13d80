/**
 * Redis key and channel names of the transport. `prefix` isolates deployments (and test files)
 * sharing one Redis. Every key of one service carries the hash tag `{<service>}`, so on a Redis
 * Cluster its streams share a slot: one XREADGROUP reads them all, one MULTI buries a dead letter.
 */
export class TransportKeys {
  constructor(readonly prefix = '') {}

  /** Request stream of a service; its replicas share consumer group `<service>`. */
  requests(service: string): string { return `${this.prefix}rq:{${service}}`; }
  /** The copy of event `pattern` that `service` reads (one stream per subscriber, group `<service>`). */
  events(service: string, pattern: string): string { return `${this.prefix}ev:{${service}}:${pattern}`; }
  /** Dead-letter stream of a service. */
  deadLetter(service: string): string { return `${this.prefix}dlq:{${service}}`; }
  /** Sorted set replicaId → last heartbeat (epoch ms). */
  alive(service: string): string { return `${this.prefix}alive:{${service}}`; }
  /** Hash `<stream>|<id>` → last handler error, read when a message is dead-lettered. */
  failures(service: string): string { return `${this.prefix}fail:{${service}}`; }
  /** Sorted set service → last time it declared it subscribes to event `pattern` (epoch ms). */
  subscribers(pattern: string): string { return `${this.prefix}subs:${pattern}`; }
  /** Pub/sub channel where replies to one client instance are published. */
  replies(clientId: string): string { return `${this.prefix}rp:${clientId}`; }
}
