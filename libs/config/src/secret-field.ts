import { registerDecorator, type ValidationArguments } from 'class-validator';

export interface SecretOptions {
  /** Values this repository publishes (development defaults): refused in production. */
  devDefaults?: readonly string[];
  /** Production: at least this many characters (0: no length or entropy rule, e.g. a URL that carries a password). */
  minLength?: number;
  /** Production: at least this many bits by the value's own character statistics (Shannon entropy × length). */
  minBits?: number;
  /** The variable may stay empty (an optional integration); a value that is set is checked all the same. */
  optional?: boolean;
}

/** Placeholders of our templates (k8s/base/secret.yaml, .env.example, compose): CHANGE-ME, change_me, changeme, in any case. */
const PLACEHOLDER = /change[-_ ]?me/i;
const secretFields = new WeakMap<object, Set<string>>();

/** Entropy estimate from the value's own character frequencies; a repeated or short value scores low. */
export function estimatedBits(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const length = [...value].length;
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / length) * Math.log2(n / length);
  return perChar * length;
}

/** Why a production secret is refused, or undefined when it may be used. Never quotes the value. */
export function secretProblem(value: unknown, options: SecretOptions = {}): string | undefined {
  const text = typeof value === 'string' ? value : '';
  if (text === '') return options.optional ? undefined : 'must be set when NODE_ENV=production';
  if (PLACEHOLDER.test(text)) return 'is a placeholder (contains CHANGE-ME): set a real secret when NODE_ENV=production';
  if (options.devDefaults?.includes(text)) return 'is the development default published in this repository: set a real secret when NODE_ENV=production';
  const minLength = options.minLength ?? 16;
  if (minLength === 0) return undefined;
  if ([...text].length < minLength) return `is too short for NODE_ENV=production (${[...text].length} characters, at least ${minLength})`;
  const minBits = options.minBits ?? 48;
  const bits = Math.floor(estimatedBits(text));
  if (bits < minBits) return `has too little entropy for NODE_ENV=production (about ${bits} bits, at least ${minBits}): use a random value, e.g. openssl rand -base64 32`;
  return undefined;
}

/**
 * A secret variable: with NODE_ENV=production it must not be empty (unless optional), a
 * placeholder, a published development default, too short or too predictable. Outside
 * production anything passes (development defaults keep working). loadConfig never prints it.
 */
export function IsSecret(options: SecretOptions = {}): PropertyDecorator {
  return (target, propertyName) => {
    markSecret(target, String(propertyName));
    const problem = (args: ValidationArguments) =>
      ((args.object as { NODE_ENV?: string }).NODE_ENV === 'production' ? secretProblem(args.value, options) : undefined);
    registerDecorator({
      name: 'isSecret', target: target.constructor, propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => problem(args) === undefined,
        defaultMessage: (args?: ValidationArguments) => (args ? problem(args) ?? '' : ''),
      },
    });
  };
}

/** Records a property as secret: configuration errors show it as `(hidden)`. */
export function markSecret(target: object, property: string): void {
  const fields = secretFields.get(target.constructor) ?? new Set<string>();
  fields.add(property);
  secretFields.set(target.constructor, fields);
}

/** Whether a property of an env class (or of a class it extends) holds a secret. */
export function isSecretField(envClass: object, property: string): boolean {
  for (let c: unknown = envClass; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (secretFields.get(c as object)?.has(property)) return true;
  }
  return false;
}
