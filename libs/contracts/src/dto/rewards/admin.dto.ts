import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsUserId } from '../field-rules.js';

const DOC_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}[-:]\d{2}[-:]\d{2}(\.\d+)?Z$/;

/** Body of the rewards admin routes about one user (`id`), and the base of the others. */
export class RewardsAdminUserDto {
  @IsUserId() id!: string;
}

export class ListRangeDto extends RewardsAdminUserDto {
  @IsOptional() @IsString() @Matches(DOC_DATE, { message: 'from must be a datetime like 2012-12-12T01:01:01Z' }) from?: string;
  @IsOptional() @IsString() @Matches(DOC_DATE, { message: 'to must be a datetime like 2012-12-12T01:01:01Z' }) to?: string;
  @IsOptional() @IsInt() @Min(0) offset?: number;
  @IsOptional() @IsInt() @Min(1) @Max(1000) limit?: number;
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}

export class ScansQueryDto extends ListRangeDto {
  @IsOptional() @IsUUID() scan_id?: string;
}

export class RewardsQueryDto extends ListRangeDto {
  @IsIn(['approved', 'rejected', 'pending']) type!: 'approved' | 'rejected' | 'pending';
}

/** Buddies and timeline: the main chunk by user id, or a chunk by its id. */
export class ChunkQueryDto {
  @IsOptional() @IsUserId() id?: string;
  @IsOptional() @IsString() @MaxLength(200) chunk?: string;
}

export class BanSetDto extends RewardsAdminUserDto {
  @IsString() @MinLength(1) @MaxLength(500) reason!: string;
  @IsString() @Matches(DOC_DATE, { message: 'to must be a datetime like 2019-12-12T12:12:12Z' }) to!: string;
}

export class TimelineMessageDto extends RewardsAdminUserDto {
  @IsString() @MinLength(1) @MaxLength(2000) message!: string;
  @IsIn(['coins', 'notification']) type!: 'coins' | 'notification';
  @IsOptional() @IsString() @MaxLength(500) push_message?: string;
}

/** `RewardsPattern.JobRun` (sys-admin): run a scheduled job now. */
export class JobRunDto {
  @IsIn(['month-end', 'reminders', 'push-relay']) job!: 'month-end' | 'reminders' | 'push-relay';
  @IsOptional() @IsString() @Matches(DOC_DATE, { message: 'now must be a datetime like 2019-12-12T12:12:12Z' }) now?: string;
}

/** GET …/user/transactions/hashes/:hash: a part of a transaction hash. */
export class HashParamsDto {
  @IsString({ message: 'hash must be at least 6 characters' }) @Length(6, 200, { message: 'hash must be at least 6 characters' }) hash!: string;
}
