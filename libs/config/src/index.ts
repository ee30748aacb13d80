export * from './load-config.js';
export * from './common-env.js';
export * from './sealing-keys.js';
export * from './less-than-field.js';
export * from './secret-field.js';
