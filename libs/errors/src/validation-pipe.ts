import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import type { ValidationError } from 'class-validator';
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

export interface DtoPipeOptions {
  /** Fields the class does not declare: refused (bodies, messages) or dropped (query strings, where clients add cache busters). */
  unknownFields?: 'refuse' | 'drop';
}

/**
 * Nest's ValidationPipe for one DTO class, as every handler's input needs it: the value must be
 * a JSON object free of what inputProblem finds, unknown fields are refused, nothing is coerced,
 * and a failure is DomainError(InvalidInput) with per-field details.
 */
export class DtoPipe<T extends object> extends ValidationPipe {
  constructor(readonly dto: ClassConstructor<T>, private readonly what = 'Request body', { unknownFields = 'refuse' }: DtoPipeOptions = {}) {
    super({
      expectedType: dto,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      whitelist: true,
      forbidNonWhitelisted: unknownFields === 'refuse',
      forbidUnknownValues: true,
      exceptionFactory: (errors) => DomainError.invalid('Invalid request', flatten(errors as ValidationError[])),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata = { type: 'custom' }): Promise<T> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw DomainError.invalid(`${this.what} must be a JSON object`);
    }
    const problem = inputProblem(value);
    if (problem) throw DomainError.invalid(problem);
    return super.transform(value, { ...metadata, type: 'body', metatype: this.dto }) as Promise<T>;
  }
}
