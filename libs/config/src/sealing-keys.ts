import { createHash } from 'node:crypto';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import { markSecret } from './secret-field.js';

/** `<key id>:<base64 of 32 bytes>`, comma separated; the first seals, all of them open. */
const KEY = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]{43}=)$/;

/**
 * The key every process uses when TRANSPORT_SEALING_KEYS is unset outside production. It is
 * published in this repository, so production refuses it.
 */
export const DEV_SEALING_KEYS = `dev:${createHash('sha256').update('rewards-platform published development transport key').digest('base64')}`;

/** Key id → 32-byte AES key, in the order given (first = current). Throws on a malformed list. */
export function parseSealingKeys(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = KEY.exec(part);
    if (!match) throw new Error('each key must be <id>:<base64 of 32 random bytes> (e.g. k1:$(openssl rand -base64 32))');
    if (keys.has(match[1])) throw new Error(`key id ${match[1]} appears twice`);
    keys.set(match[1], Buffer.from(match[2], 'base64'));
  }
  if (keys.size === 0) throw new Error('no key given');
  return keys;
}

/** Validates TRANSPORT_SEALING_KEYS; in production it must be set and must not contain the published dev key. */
export function IsSealingKeys(): PropertyDecorator {
  return (target, propertyName) => { markSecret(target, String(propertyName)); registerDecorator({
    name: 'isSealingKeys', target: target.constructor, propertyName: String(propertyName),
    validator: {
      validate(value: unknown, args: ValidationArguments) {
        return sealingKeysProblem(value, (args.object as { NODE_ENV?: string }).NODE_ENV) === undefined;
      },
      defaultMessage(args: ValidationArguments) {
        return sealingKeysProblem(args.value, (args.object as { NODE_ENV?: string }).NODE_ENV) ?? '';
      },
    },
  }); };
}

function sealingKeysProblem(value: unknown, nodeEnv: string | undefined): string | undefined {
  const production = nodeEnv === 'production';
  if (value === '' || value === undefined) {
    return production ? 'must be set when NODE_ENV=production (e.g. k1:$(openssl rand -base64 32))' : undefined;
  }
  try {
    const keys = parseSealingKeys(String(value));
    const dev = [...parseSealingKeys(DEV_SEALING_KEYS).values()][0];
    if (production && [...keys.values()].some((k) => k.equals(dev))) return 'the published development key cannot be used when NODE_ENV=production';
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}
