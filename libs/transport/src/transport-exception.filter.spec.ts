import { ExecutionContextHost } from '@nestjs/core/internal';
import { RpcException } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { DomainError, ErrorKind } from '#libs/errors';
import { StreamContext } from './stream-context.js';
import { TransportExceptionFilter } from './transport-exception.filter.js';

async function caught(exception: unknown, ctx = new StreamContext(['p.x', { 'x-request-id': 'r1' }, 'rq:s', '1-0', 1])) {
  const host = new ExecutionContextHost([{}, ctx]);
  host.setType('rpc');
  try {
    await firstValueFrom(new TransportExceptionFilter().catch(exception, host));
    throw new Error('filter did not error');
  } catch (err) {
    return { err, ctx };
  }
}

describe('TransportExceptionFilter', () => {
  it('turns a DomainError into its WireError', async () => {
    const { err } = await caught(DomainError.notFound('No such user', 'identity.user_not_found'));
    expect(err).toEqual({ kind: ErrorKind.NotFound, message: 'No such user', code: 'identity.user_not_found' });
  });

  it('passes an RpcException that carries a WireError', async () => {
    const { err } = await caught(new RpcException({ kind: ErrorKind.Forbidden, message: 'no' }));
    expect(err).toEqual({ kind: ErrorKind.Forbidden, message: 'no' });
  });

  it('keeps the kind of an inner call\'s error (what a client observable rejects with)', async () => {
    for (const kind of [ErrorKind.InvalidInput, ErrorKind.Unavailable, ErrorKind.NotFound, ErrorKind.Conflict, ErrorKind.Timeout]) {
      const { err } = await caught({ kind, message: 'from billing', code: 'billing.x', details: [{ field: 'card' }], extra: 'dropped' });
      expect(err).toEqual({ kind, message: 'from billing', code: 'billing.x', details: [{ field: 'card' }] });
    }
  });

  it('hides any other error and keeps it on the context for the dead-letter stream', async () => {
    const boom = new Error('connection string postgres://secret');
    const { err, ctx } = await caught(boom);
    expect(err).toEqual({ kind: ErrorKind.Internal, message: 'Internal error' });
    expect(ctx.handlerError).toBe(boom);
  });
});
