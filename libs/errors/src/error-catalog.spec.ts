import { DomainError } from './domain-error.js';
import { errorCatalog, fixedMessageErrors } from './error-catalog.js';
import { ErrorKind } from './error-kind.js';

enum Code { Missing = 'x.missing', Busy = 'x.busy' }

describe('error catalogs', () => {
  it('errorCatalog gives each code its one kind, with the caller’s message and details', () => {
    const error = errorCatalog<Code>({ [Code.Missing]: ErrorKind.NotFound, [Code.Busy]: ErrorKind.Unavailable })(Code.Missing, 'Thing 7 not found', { id: 7 });
    expect(error).toBeInstanceOf(DomainError);
    expect(error.toWire()).toEqual({ kind: ErrorKind.NotFound, message: 'Thing 7 not found', code: Code.Missing, details: { id: 7 } });
  });

  it('fixedMessageErrors answers each code with its own kind and message, and passes retryAfter on', () => {
    const errors = fixedMessageErrors<Code>({ [Code.Missing]: [ErrorKind.NotFound, 'Not found'], [Code.Busy]: [ErrorKind.RateLimited, 'Try again later'] });
    expect(errors(Code.Missing).toWire()).toEqual({ kind: ErrorKind.NotFound, message: 'Not found', code: Code.Missing });
    const busy = errors(Code.Busy, { retryAfter: 30 });
    expect([busy.kind, busy.message, busy.code, busy.retryAfter]).toEqual([ErrorKind.RateLimited, 'Try again later', Code.Busy, 30]);
  });
});
