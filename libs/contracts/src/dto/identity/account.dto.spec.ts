import 'reflect-metadata';
import { DomainError, DtoPipe, ErrorKind, type FieldError } from '#libs/errors';
import { CreateAccountDto } from './account.dto.js';
import { isIsoDate } from './profile.dto.js';

const pipe = new DtoPipe(CreateAccountDto);

async function fieldsOf(body: unknown): Promise<string[]> {
  try {
    await pipe.transform(body);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe(ErrorKind.InvalidInput);
    return ((error as DomainError).details as FieldError[]).map((d) => d.field).sort();
  }
  return [];
}

describe('CreateAccountDto', () => {
  it('accepts the doc example (plus a password)', async () => {
    expect(await fieldsOf({
      email: 'foo@bar.com', first_name: 'First Name', last_name: 'Last Name', phone: '+61400000000', language: 'en',
      post_code: '3004', city: 'Melbourne', address1: '10 Queens Rd', birthdate: '1970-01-01', gender: 'male',
      photo: 'http://google.com/image.png', job_title: 'Manager', password: 'secret1',
    })).toEqual([]);
  });

  it('names every bad field', async () => {
    expect(await fieldsOf({ email: 'not-an-email', gender: 'robot', birthdate: '1970-13-01', password: 123, extra: 1 }))
      .toEqual(['birthdate', 'email', 'extra', 'gender', 'password']);
  });

  it('requires email for email registration and a password of 6..128', async () => {
    expect(await fieldsOf({ password: 'secret1' })).toEqual(['email']);
    expect(await fieldsOf({ email: 'a@b.co', password: 'short' })).toEqual(['password']);
    expect(await fieldsOf({ email: 'a@b.co', password: 'x'.repeat(129) })).toEqual(['password']);
  });

  it('does not coerce types', async () => {
    expect(await fieldsOf({ email: 'a@b.co', password: 'secret1', first_name: 5 })).toEqual(['first_name']);
  });
});

describe('isIsoDate', () => {
  it.each([['1970-01-01', true], ['2000-02-29', true], ['2001-02-29', false], ['1970-1-1', false], ['1970-01-01T00:00:00Z', false], ['3000-01-01', false], [19700101, false]])(
    '%s → %s', (value, ok) => expect(isIsoDate(value)).toBe(ok));
});
