import { IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { SINGLE_LINE, SINGLE_LINE_MESSAGE } from '../../rules.js';

export const PREFIX_PATTERN = /^[0-9]{7,13}$/;
const PREFIX_MESSAGE = { message: 'company prefix must be 7 to 13 digits' };
const COUNTRY = /^[0-9]{3}$|^[A-Za-z]{2}$/;

const oneLineText = (v: unknown) => typeof v === 'string' && v.length <= 200 && SINGLE_LINE.test(v);

/** A string or an array of strings (`billing_plan`, `billing_country`, `brand_name`), each one line of at most 200 characters. */
export function IsStringOrStringArray(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isStringOrStringArray',
    validator: {
      validate: (value: unknown) => oneLineText(value) || (Array.isArray(value) && value.length <= 100 && value.every(oneLineText)),
      defaultMessage: () => '$property must be a string or an array of strings, each one line of at most 200 characters',
    },
  }, options);
}

export class PrefixCheckDto {
  @IsString() @Matches(PREFIX_PATTERN, PREFIX_MESSAGE)
  prefix: string;
}

/** POST /account/participant */
export class RegisterParticipantDto {
  @IsString() @Matches(PREFIX_PATTERN, PREFIX_MESSAGE)
  company_prefix: string;

  @IsString() @MinLength(1) @MaxLength(200) @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE })
  name: string;

  @IsString() @Matches(COUNTRY, { message: 'country must be an ISO 3166 code, e.g. 036' })
  country: string;

  /** Checked against the plans by the service (unknown plan → 400 billing.unknown_plan). */
  @IsOptional() @IsString()
  pending_plan?: string;

  @IsOptional() @IsIn(['product360'])
  participant_type?: 'product360';

  @IsOptional() @IsStringOrStringArray()
  brand_name?: string | string[];

  @IsOptional() @IsString() @MaxLength(200)
  gs1_activation_code?: string;
}

/** `billing.participant.create` (identity, when a pending participant is approved). Answer: ParticipantSummary. */
export class CreateParticipantDto {
  @IsString() @MinLength(1) @MaxLength(200) @Matches(SINGLE_LINE, { message: SINGLE_LINE_MESSAGE })
  name: string;

  @IsStringOrStringArray()
  company_prefix: string | string[];

  @IsOptional() @IsString() @Matches(COUNTRY, { message: 'country must be an ISO 3166 code, e.g. 036' })
  country?: string;

  @IsOptional() @IsIn(['product360'])
  participant_type?: 'product360';

  @IsOptional() @IsString()
  pending_plan?: string;

  @IsOptional() @IsStringOrStringArray()
  brand_name?: string | string[];

  @IsOptional() @IsString() @MaxLength(200)
  gs1_activation_code?: string;

  /** The user who registered it; a card the user gave at registration becomes the participant's. */
  @IsOptional() @IsString() @MaxLength(300)
  userId?: string;

  @IsOptional() @IsString() @MaxLength(100)
  ip?: string;
}

/** `billing.registration.approve` / `.reject`: the latest pending `POST /account/participant` request of a user. Approve answers the created ParticipantSummary; reject answers `{ status: 'rejected' }`. */
export class RegistrationDecisionDto {
  @IsString() @MaxLength(300)
  userId: string;
}

/** `billing.participants.summaries`: the ParticipantSummary of each id. */
export class ParticipantSummariesDto {
  @IsArray() @IsString({ each: true })
  ids: string[];
}

/** Path `/participants/participant/:id` (the gateway's router has already percent-decoded it). */
export class ParticipantIdParams {
  @IsString() @IsNotEmpty()
  id: string;
}
