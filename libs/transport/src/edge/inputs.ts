import { Payload } from '@nestjs/microservices';
import type { ClassConstructor } from 'class-transformer';
import { DtoPipe } from '#libs/errors';

/** A routed request's body (HttpRequestPayload.body), validated against the DTO class. */
export const Body = <T extends object>(dto: ClassConstructor<T>): ParameterDecorator => Payload('body', new DtoPipe(dto));

/** A routed request's query string, validated against the DTO class; parameters it does not declare are dropped. */
export const Query = <T extends object>(dto: ClassConstructor<T>): ParameterDecorator =>
  Payload('query', new DtoPipe(dto, 'Query', { unknownFields: 'drop' }));

/** A routed request's path parameters, validated against the DTO class. */
export const Params = <T extends object>(dto: ClassConstructor<T>): ParameterDecorator => Payload('params', new DtoPipe(dto, 'Path'));

/** An internal message's whole payload, validated against the DTO class. */
export const Message = <T extends object>(dto: ClassConstructor<T>): ParameterDecorator => Payload(new DtoPipe(dto, 'Message'));
