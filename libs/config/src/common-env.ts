import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min, Matches } from 'class-validator';
import { IsSealingKeys } from './sealing-keys.js';
import { IsSecret } from './secret-field.js';

/** Variables every process reads. Apps extend this class with their own. */
export class CommonEnv {
  /** production: placeholder and published development secrets are refused at start. */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  /** May carry a password: never printed, and a CHANGE-ME placeholder is refused in production. */
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' }) @IsSecret({ minLength: 0 })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Comma list of host:port seed nodes of a Redis Cluster; when set it is used instead of REDIS_URL's host (REDIS_URL still gives password and TLS). */
  @Matches(/^([^\s,:]+:\d{1,5})(,[^\s,:]+:\d{1,5})*$|^$/, { message: 'must be a comma list of host:port' })
  REDIS_CLUSTER_NODES: string = '';

  /** Keys sealing transport payloads in Redis: `<id>:<base64 of 32 bytes>`, comma separated, the first seals; required in production. */
  @IsSealingKeys()
  TRANSPORT_SEALING_KEYS: string = '';

  /** A request or event left pending this long by a stopped replica is taken over; every caller timeout must stay below it. */
  @Type(() => Number) @IsInt() @Min(2_000) @Max(600_000)
  TRANSPORT_RECLAIM_IDLE_MS: number = 30_000;

  /**
   * Messages one replica handles at once. Handlers that batch their writes (rewards' scans) gain from a higher bound;
   * above the database pool's size the extra handlers wait for a connection instead of queuing in Redis.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  TRANSPORT_CONCURRENCY: number = 100;

  /** A consumer group with more entries waiting than this is reported in a warning log (and always as a metric). */
  @Type(() => Number) @IsInt() @Min(1)
  TRANSPORT_BACKLOG_WARN: number = 10_000;

  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' }) @IsSecret({ minLength: 0 })
  DATABASE_URL: string = 'postgres://postgres:postgres@127.0.0.1:5432/rewards';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: string = 'log';

  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  HEALTH_PORT: number = 0;

  /** Unique per replica; defaults to hostname-pid. */
  @IsString()
  REPLICA_ID: string = '';
}
