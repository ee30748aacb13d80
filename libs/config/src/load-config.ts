import 'reflect-metadata';
import { plainToInstance, ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isSecretField } from './secret-field.js';

export class ConfigError extends Error {}

/** Variables whose value never appears in an error message (keys, tokens, passwords, credentials). */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|_KEY|KEYS|P8|SERVICE_ACCOUNT/;

/**
 * Builds a validated config object from environment variables. Env classes declare
 * defaults as property initialisers and use @Type(() => Number) etc. for conversion.
 * A bad value throws ConfigError naming every offending variable.
 */
export function loadConfig<T extends object>(envClass: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(envClass, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    // A secret's value is never printed, not even a wrong one.
    const shown = (property: string, value: unknown) => (isSecretField(envClass, property) || SECRET_NAME.test(property) ? '(hidden)' : JSON.stringify(value));
    const lines = errors.map((e) => `  ${e.property}=${shown(e.property, e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

/** For main.ts: load or print the problem and exit(1) without a stack trace. */
export function loadConfigOrExit<T extends object>(envClass: ClassConstructor<T>): T {
  try {
    return loadConfig(envClass);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
