import { randomBytes } from 'node:crypto';
import { Sealer, SealError } from './sealer.js';

const spec = (...ids: string[]) => ids.map((id) => `${id}:${randomBytes(32).toString('base64')}`).join(',');

describe('Sealer', () => {
  const plain = Buffer.from(JSON.stringify({ password: 'hunter2-secret' }));

  it('round-trips and hides the plaintext', () => {
    const sealer = Sealer.fromSpec(spec('k1'));
    const sealed = sealer.seal('m-1', plain);
    expect(sealed.includes(Buffer.from('hunter2'))).toBe(false);
    expect(sealer.open('m-1', sealed).equals(plain)).toBe(true);
  });

  it('refuses a tampered body, another message id and an unknown key', () => {
    const keys = spec('k1');
    const sealer = Sealer.fromSpec(keys);
    const sealed = sealer.seal('m-1', plain);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => sealer.open('m-1', tampered)).toThrow(SealError);
    expect(() => sealer.open('m-2', sealed)).toThrow(SealError);
    expect(() => Sealer.fromSpec(spec('k2')).open('m-1', sealed)).toThrow(/unknown key id "k1"/);
    expect(() => sealer.open('m-1', Buffer.from('{"plain":true}'))).toThrow(SealError);
  });

  it('opens what an older key sealed after rotation', () => {
    const old = spec('k1');
    const sealedBefore = Sealer.fromSpec(old).seal('m-1', plain);
    const rotated = Sealer.fromSpec(`${spec('k2')},${old}`);
    expect(rotated.open('m-1', sealedBefore).equals(plain)).toBe(true);
    const sealedAfter = rotated.seal('m-1', plain);
    expect(sealedAfter.subarray(2, 4).toString()).toBe('k2');
  });
});
