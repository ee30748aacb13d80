import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min, Matches } from 'class-validator';

/** Variables every process reads. Apps extend this class with their own. */
export class CommonEnv {
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres:postgres@127.0.0.1:5432/rewards';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: string = 'log';

  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  HEALTH_PORT: number = 0;

  /** Unique per replica; defaults to hostname-pid. */
  @IsString()
  REPLICA_ID: string = '';
}
