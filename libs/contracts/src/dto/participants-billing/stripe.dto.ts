// class-transformer's @Type() calls Reflect.getMetadata when the class is declared, whoever imports contracts.
import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { JSONSchema } from 'class-validator-jsonschema';
import { CVC_INPUT_SCHEMA } from '../../rules.js';
import { IsInt, IsNotEmptyObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/** Messages never echo the value: they would carry the card number into an error or a log. */
export class StripeCardDto {
  @IsString({ message: 'number must be a string of digits' })
  @Matches(/^[0-9 ]{12,23}$/, { message: 'number must be 12 to 19 digits' })
  number: string;

  @IsInt({ message: 'exp_month must be an integer' }) @Min(1) @Max(12)
  exp_month: number;

  @IsInt({ message: 'exp_year must be an integer' }) @Min(2000) @Max(2200)
  exp_year: number;

  /** The doc sends it as a JSON number (323): an integer is read as its digits. */
  @Transform(({ value }) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value))
  @JSONSchema(() => CVC_INPUT_SCHEMA)
  @IsString({ message: 'cvc must be 3 or 4 digits' })
  @Matches(/^[0-9]{3,4}$/, { message: 'cvc must be 3 or 4 digits' })
  cvc: string;

  @IsOptional() @IsString() @MaxLength(200)
  name?: string;
}

/** `billing.customer.attach-card`: card data goes to Stripe only, never to a log, table or event. */
export class AttachCardDto {
  @IsOptional() @IsString() @MaxLength(200)
  participantId?: string;

  @IsOptional() @IsString() @MaxLength(300)
  userId?: string;

  @IsNotEmptyObject() @ValidateNested() @Type(() => StripeCardDto)
  card: StripeCardDto;
}

/** `billing.customer.get` / `.delete`: the customer of one user or participant. */
export class CustomerOwnerDto {
  @IsOptional() @IsString() @MaxLength(200)
  participantId?: string;

  @IsOptional() @IsString() @MaxLength(300)
  userId?: string;
}
