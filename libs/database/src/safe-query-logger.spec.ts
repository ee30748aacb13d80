import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { dbErrorFields, loggableError } from '#libs/errors';
import { SafeQueryLogger, statementText } from './safe-query-logger.js';

describe('SafeQueryLogger', () => {
  const HASH = '$argon2id$v=19$m=19456,p=1,t=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';

  it('logs a failed statement with its text, SQLSTATE and constraint only', () => {
    const lines: unknown[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => { lines.push(message); });
    const error = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      code: '23505', constraint: 'users_email_key', detail: 'Key (email)=(alice@example.com) already exists.',
      parameters: ['alice@example.com', HASH],
    });
    new SafeQueryLogger().logQueryError(error, 'INSERT INTO "identity"."users"("id", "email", "password_hash")\n  VALUES ($1, $2, $3)', ['u1', 'alice@example.com', HASH]);
    spy.mockRestore();
    expect(lines).toEqual([{ msg: 'query failed', statement: 'INSERT INTO "identity"."users"("id", "email", "password_hash") VALUES ($1, $2, $3)', code: '23505', constraint: 'users_email_key' }]);
    expect(JSON.stringify(lines)).not.toMatch(/alice|argon2|already exists/);
  });

  it('masks quoted literals and cuts long statements', () => {
    expect(statementText("SELECT 1 FROM t WHERE a = 'sec''ret' AND b = $1")).toBe("SELECT 1 FROM t WHERE a = '?' AND b = $1");
    expect(statementText(`SELECT ${'x, '.repeat(500)}1`).length).toBeLessThanOrEqual(401);
  });

  it("reads the fields of TypeORM's QueryFailedError from its driver error", () => {
    expect(dbErrorFields({ driverError: { code: '23503', constraint: 'fk_user' }, message: 'x' })).toEqual({ code: '23503', constraint: 'fk_user' });
    expect(dbErrorFields('text error')).toEqual({});
  });

  it('an unexpected database error is logged by name, SQLSTATE and constraint, never its message or parameters', () => {
    const error = Object.assign(new Error('invalid input syntax for type numeric: "secret-value"'), {
      name: 'QueryFailedError', query: 'UPDATE t SET a = $1', parameters: ['secret-value'], driverError: { code: '22P02' },
    });
    const text = loggableError(error);
    expect(text).toMatch(/^QueryFailedError code=22P02\n\s+at /);
    expect(text).not.toContain('secret-value');
    expect(loggableError(new Error('plain failure'))).toMatch(/^Error: plain failure/);
  });
});
