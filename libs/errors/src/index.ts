export * from './error-kind.js';
export * from './wire-error.js';
export * from './domain-error.js';
export * from './error-catalog.js';
export * from './http-status.js';
export * from './validation-pipe.js';
export * from './input-guard.js';
export * from './infrastructure-error.js';
