import type { ClassConstructor } from 'class-transformer';
import { DtoPipe } from './validation-pipe.js';

export type { FieldError } from './validation-pipe.js';

/** Validates a plain value against a DTO outside a handler's parameters (same rules as DtoPipe). */
export function validatePayload<T extends object>(dto: ClassConstructor<T>, payload: unknown): Promise<T> {
  return new DtoPipe(dto).transform(payload);
}
