import { plainToInstance, ClassConstructor } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { DomainError } from './domain-error.js';
import { inputProblem } from './input-guard.js';

export interface FieldError { field: string; errors: string[] }

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates a plain payload against a class-validator DTO: unknown fields are rejected,
 * types are not coerced. Throws DomainError(InvalidInput) with per-field details.
 */
export async function validatePayload<T extends object>(dto: ClassConstructor<T>, payload: unknown): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw DomainError.invalid('Request body must be a JSON object');
  }
  const problem = inputProblem(payload);
  if (problem) throw DomainError.invalid(problem);
  const instance = plainToInstance(dto, payload, { enableImplicitConversion: false });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw DomainError.invalid('Invalid request', flatten(errors));
  }
  return instance;
}
