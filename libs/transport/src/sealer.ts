import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DEV_SEALING_KEYS, parseSealingKeys } from '#libs/config';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const EMPTY = Buffer.alloc(0);

export class SealError extends Error {
  override name = 'SealError';
}

/**
 * Authenticated encryption (AES-256-GCM) of what travels through Redis, so no payload is ever
 * readable from Redis memory, its AOF/RDB files or a dead letter. Layout:
 * `[version][key id length][key id][iv 12][tag 16][ciphertext]`; the message id is bound as
 * additional data, so a sealed body cannot be replayed under another message.
 * Keys rotate: the first key seals, every configured key opens.
 */
export class Sealer {
  private readonly head: Buffer;
  // Raw key bytes, not KeyObjects: a cipher set up from bytes costs a third less when called now
  // and then, as a service calls it (bench/sealing.mjs, "spaced" row); in a tight loop both cost the same.
  private readonly current: Buffer;
  private readonly keys = new Map<string, Buffer>();
  /** IVs: 8 random bytes per process (renewed when the counter wraps) + a 32-bit counter; never repeated under one key. */
  private readonly iv = Buffer.alloc(IV_BYTES);
  private counter = 0;

  constructor(keys: Map<string, Buffer>) {
    for (const [id, key] of keys) this.keys.set(id, Buffer.from(key));
    const [id] = [...keys.keys()];
    const idBytes = Buffer.from(id, 'latin1');
    this.head = Buffer.concat([Buffer.of(VERSION, idBytes.length), idBytes]);
    this.current = this.keys.get(id)!;
    randomBytes(8).copy(this.iv);
  }

  /** From TRANSPORT_SEALING_KEYS; unset means the published development key (refused in production by CommonEnv). */
  static fromSpec(spec: string | undefined): Sealer {
    return new Sealer(parseSealingKeys(spec || DEV_SEALING_KEYS));
  }

  seal(messageId: string, plain: Buffer): Buffer {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    cipher.setAAD(Buffer.from(messageId, 'latin1'));
    const body = cipher.update(plain);
    const last = cipher.final();
    return Buffer.concat([this.head, iv, cipher.getAuthTag(), body, last], this.head.length + IV_BYTES + TAG_BYTES + body.length + last.length);
  }

  /** Bytes of a body sealed from this many plain bytes (GCM adds no padding). */
  sealedLength(plainBytes: number): number {
    return this.head.length + IV_BYTES + TAG_BYTES + plainBytes;
  }

  /**
   * Seals the concatenation of `parts` (no copy of them beforehand) and returns `prefix` + the
   * sealed body + `suffix` in one buffer: large answers are sealed and framed with one allocation.
   */
  sealParts(messageId: string, parts: readonly Buffer[], prefix: Buffer, suffix: Buffer = EMPTY): Buffer {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    cipher.setAAD(Buffer.from(messageId, 'latin1'));
    const start = prefix.length + this.head.length + IV_BYTES + TAG_BYTES;
    const out = Buffer.allocUnsafe(start + parts.reduce((n, p) => n + p.length, 0) + suffix.length);
    prefix.copy(out, 0);
    this.head.copy(out, prefix.length);
    iv.copy(out, prefix.length + this.head.length);
    let at = start;
    for (const part of parts) at += cipher.update(part).copy(out, at);
    at += cipher.final().copy(out, at);
    cipher.getAuthTag().copy(out, prefix.length + this.head.length + IV_BYTES);
    at += suffix.copy(out, at);
    return at === out.length ? out : out.subarray(0, at);
  }

  private nextIv(): Buffer {
    if (this.counter === 0xffffffff) {
      randomBytes(8).copy(this.iv);
      this.counter = 0;
    }
    this.iv.writeUInt32BE(this.counter++, 8);
    return Buffer.from(this.iv);
  }

  open(messageId: string, sealed: Buffer): Buffer {
    if (sealed.length < 2 || sealed[0] !== VERSION) throw new SealError('not a sealed body');
    const idEnd = 2 + sealed[1];
    const keyId = sealed.subarray(2, idEnd).toString('latin1');
    const key = this.keys.get(keyId);
    if (!key) throw new SealError(`sealed with unknown key id "${keyId}"`);
    if (sealed.length < idEnd + IV_BYTES + TAG_BYTES) throw new SealError('sealed body too short');
    const iv = sealed.subarray(idEnd, idEnd + IV_BYTES);
    const tag = sealed.subarray(idEnd + IV_BYTES, idEnd + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(messageId, 'latin1'));
    decipher.setAuthTag(tag);
    try {
      const body = decipher.update(sealed.subarray(idEnd + IV_BYTES + TAG_BYTES));
      const last = decipher.final();
      return last.length === 0 ? body : Buffer.concat([body, last]);
    } catch {
      throw new SealError(`sealed body failed authentication (key "${keyId}"): tampered or sealed under another key`);
    }
  }
}
