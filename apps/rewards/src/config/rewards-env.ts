import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CommonEnv } from '#libs/config';

/** Rewards variables (see .env.example). */
export class RewardsEnv extends CommonEnv {
  /** Scans arrive by the hundreds at once and go to Postgres as batches: more in flight, bigger batches. */
  override TRANSPORT_CONCURRENCY: number = 300;

  // Read the raw string: implicit conversion would turn 'false' into true.
  @Transform(({ obj, key }) => { const raw = (obj as Record<string, unknown>)[key]; return raw === undefined ? true : raw === true || raw === 'true'; })
  @IsIn([true, false])
  RUN_MIGRATIONS: boolean = true;

  /** Run the BullMQ schedules (month-end levels, reminders) in this process. */
  @Transform(({ obj, key }) => { const raw = (obj as Record<string, unknown>)[key]; return raw === undefined ? true : raw === true || raw === 'true'; })
  @IsIn([true, false])
  RUN_JOBS: boolean = true;

  /** How often the reminder rules are evaluated (one replica at a time). */
  @Type(() => Number) @IsInt() @Min(1000)
  REMINDERS_EVERY_MS: number = 3_600_000;

  /** How often users whose local month has ended get their level recomputed. */
  @Type(() => Number) @IsInt() @Min(1000)
  MONTH_END_EVERY_MS: number = 900_000;

  /** Title of the push notifications rewards sends (reminders, timeline messages). */
  @IsString() @MinLength(1) @MaxLength(100)
  PUSH_TITLE = 'Rewards';

  /** How often pushes recorded in the outbox but not yet handed to identity are emitted again. */
  @Type(() => Number) @IsInt() @Min(1000)
  PUSH_RELAY_EVERY_MS: number = 60_000;

  /** The relay leaves younger pushes to the request that recorded them. */
  @Type(() => Number) @IsInt() @Min(0)
  PUSH_RELAY_MIN_AGE_MS: number = 30_000;

  /** Pushes older than this are no longer worth sending: the relay leaves them unsent. */
  @Type(() => Number) @IsInt() @Min(60_000)
  PUSH_RELAY_MAX_AGE_MS: number = 86_400_000;

  @Type(() => Number) @IsInt() @Min(1) @Max(50)
  DB_POOL_SIZE: number = 10;

  // Redeclared with @Type so that HEALTH_PORT=8081 from the environment converts.
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  override HEALTH_PORT: number = 0;
}
