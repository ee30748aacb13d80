import type { ClassConstructor } from 'class-transformer';
import { DtoPipe } from './validation-pipe.js';

export type { FieldError } from './validation-pipe.js';

/** One pipe per DTO class (a ValidationPipe is built once, not per call). */
const pipes = new WeakMap<ClassConstructor<object>, DtoPipe<object>>();

/** Validates a plain value against a DTO outside a handler's parameters (same rules as DtoPipe). */
export function validatePayload<T extends object>(dto: ClassConstructor<T>, payload: unknown): Promise<T> {
  let pipe = pipes.get(dto) as DtoPipe<T> | undefined;
  if (!pipe) pipes.set(dto, (pipe = new DtoPipe(dto)));
  return pipe.transform(payload);
}
