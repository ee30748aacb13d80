import 'reflect-metadata';
import fc from 'fast-check';
import { DtoPipe } from '#libs/errors';
import { acceptedScan, ScanInputPipe } from './scan-input.js';
import { ScanInputDto } from '#libs/contracts';

const valid = {
  idempotency_key: 'k-1', user_id: 'urn:authenticateit:user:email:a@b.test', code: '4600000000001', product_name: 'Milk',
  event_ts: '2026-01-01T10:00:00Z', headers: { 'user-agent': 'app/1' }, city: 'Sydney',
};

/** What the DtoPipe of every other input (@Message) answers: the accepted object as plain JSON, or the refusal. */
async function slow(payload: unknown): Promise<{ ok: unknown } | { error: unknown }> {
  try {
    return { ok: JSON.parse(JSON.stringify(await new DtoPipe(ScanInputDto, 'Message').transform(payload))) };
  } catch (error) {
    return { error };
  }
}

const text = (max: number) => fc.oneof(fc.string({ maxLength: max + 2 }), fc.constantFrom('', '\uFE0F', '😀', 'a\u0000b', '\uD800', 'x'.repeat(max), 'x'.repeat(max + 1)));
const anyValue = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}));
const field = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof(arb, anyValue), { nil: undefined });

const payloads = fc.record({
  idempotency_key: field(text(200)),
  user_id: field(fc.constantFrom('urn:authenticateit:user:email:a@b.test', 'urn:authenticateit:user:Email:a', 'urn:authenticateit:user:phonenum:', 'nope', 'urn:authenticateit:user:vk:\u00e9', `urn:authenticateit:user:email:${'a'.repeat(300)}`)),
  scan_id: field(fc.oneof(fc.uuid(), fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'))),
  code: field(text(64)),
  product_id: field(text(64)),
  product_name: field(text(500)),
  image_url: field(text(1000)),
  event_ts: field(fc.constantFrom('2026-01-01T10:00:00Z', '2026-01-01T10:00:00.123+02:00', '2026-02-30T10:00:00Z', '2026-01-01', 'yesterday', '2026-01-01T25:00:00Z')),
  latitude: field(text(32)), longitude: field(text(32)), accuracy: field(text(32)),
  city: field(text(100)), country: field(text(8)), language: field(text(16)),
  headers: field(fc.oneof(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })), fc.constant({ __proto__: null }))),
  campaigns: field(fc.oneof(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.constant([1, 'a']))),
  extra: fc.option(fc.string(), { nil: undefined }),
}, { requiredKeys: [] }).map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined || Math.random() < 0.2)));

describe('acceptedScan (the fast path of scan validation)', () => {
  it('takes a typical scan without class-validator', () => {
    expect(acceptedScan(valid)).toBeInstanceOf(ScanInputDto);
    expect(acceptedScan({ ...valid, product_name: null, scan_id: null, campaigns: ['urn:authenticateit:campaign:1'] })).toBeInstanceOf(ScanInputDto);
  });

  it('accepts only what the DtoPipe accepts, as the same object', async () => {
    // One field of a valid scan changed (or dropped), so that many cases are near the boundary.
    const nearValid = payloads.map((p) => {
      const [key, value] = Object.entries(p)[0] ?? ['city', 'Perth'];
      return { ...valid, [key]: value };
    });
    let taken = 0;
    await fc.assert(fc.asyncProperty(fc.oneof(payloads, nearValid), async (payload) => {
      const fast = acceptedScan(payload);
      const reference = await slow(payload);
      if (fast !== undefined) {
        taken++;
        expect(reference).toEqual({ ok: JSON.parse(JSON.stringify(fast)) });
      }
    }), { numRuns: 3000 });
    expect(taken).toBeGreaterThan(300);
  });

  it('answers every refusal exactly as the DtoPipe does', async () => {
    await fc.assert(fc.asyncProperty(payloads, async (payload) => {
      const reference = await slow(payload);
      const answer = await new ScanInputPipe().transform(payload).then((ok) => ({ ok: JSON.parse(JSON.stringify(ok)) }), (error) => ({ error }));
      expect(answer).toEqual(reference);
    }), { numRuns: 1000 });
  });
});
